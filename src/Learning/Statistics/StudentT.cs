namespace LossSearch.Learning.Statistics;

/// <summary>Student's t distribution.</summary>
public static class StudentT
{
    /// <summary>P(|T| ≥ |t|) for T with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    public static double TwoSidedP(double t, double degreesOfFreedom)
    {
        if (degreesOfFreedom <= 0) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom));
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsInfinity(t)) return 0;
        return SpecialFunctions.RegularizedIncompleteBeta(degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5);
    }
}
