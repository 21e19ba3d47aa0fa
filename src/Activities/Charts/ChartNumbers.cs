namespace LossSearch.Activities.Charts;

internal static class ChartNumbers
{
    /// <summary>JSON has no NaN or infinity: a diverged loss or a search without a best yet is drawn as a gap.</summary>
    public static double? Finite(double value) => double.IsFinite(value) ? value : null;

    public static double? Finite(double? value) => value is double v ? Finite(v) : null;
}
