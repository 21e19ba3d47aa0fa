namespace LossSearch.Learning.Statistics;

/// <summary>Result of a paired t-test of <c>a − b</c>: mean difference, t statistic, degrees of freedom, two-sided p.</summary>
public sealed record PairedTTest(double MeanDifference, double T, int DegreesOfFreedom, double P)
{
    /// <summary>
    /// Tests whether paired samples differ in mean. Needs at least two pairs; with identical
    /// differences (zero variance) t is ±∞ (p = 0) unless the mean difference is zero (p = 1).
    /// </summary>
    public static PairedTTest Of(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count) throw new ArgumentException($"paired samples differ in length: {a.Count} vs {b.Count}");
        if (a.Count < 2) throw new ArgumentException("a paired t-test needs at least two pairs");
        var differences = a.Zip(b, (x, y) => x - y).ToArray();
        var summary = SampleSummary.Of(differences);
        int df = differences.Length - 1;
        double standardError = summary.StandardDeviation / Math.Sqrt(differences.Length);
        if (standardError == 0)
            return new PairedTTest(summary.Mean, summary.Mean == 0 ? 0 : Math.Sign(summary.Mean) * double.PositiveInfinity, df, summary.Mean == 0 ? 1 : 0);
        double t = summary.Mean / standardError;
        return new PairedTTest(summary.Mean, t, df, StudentT.TwoSidedP(t, df));
    }
}
