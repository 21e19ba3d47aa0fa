namespace LossSearch.Learning.Statistics;

/// <summary>Mean and sample standard deviation (n − 1 in the denominator; 0 for a single value).</summary>
public sealed record SampleSummary(int Count, double Mean, double StandardDeviation)
{
    public static SampleSummary Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("no values to summarise");
        double mean = values.Average();
        double variance = values.Count > 1 ? values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1) : 0;
        return new SampleSummary(values.Count, mean, Math.Sqrt(variance));
    }

    public override string ToString() => Count > 1 ? $"{Mean:F4} ± {StandardDeviation:F4}" : $"{Mean:F4}";
}
