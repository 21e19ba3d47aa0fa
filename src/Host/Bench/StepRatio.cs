namespace LossSearch.Host.Bench;

/// <summary>
/// Our step time over PyTorch's, from rounds in which both sides ran: each round's ratio, their median
/// and range (the spread the noisy machine leaves), and each side's median step.
/// </summary>
public sealed record StepRatio(
    IReadOnlyList<double> OursSeconds,
    IReadOnlyList<double> TorchSeconds,
    IReadOnlyList<double> Ratios,
    double MedianRatio,
    double MinRatio,
    double MaxRatio,
    double OursMedianSeconds,
    double TorchMedianSeconds)
{
    public static StepRatio Of(IReadOnlyList<double> oursSeconds, IReadOnlyList<double> torchSeconds)
    {
        if (oursSeconds.Count == 0 || oursSeconds.Count != torchSeconds.Count)
            throw new ArgumentException($"{oursSeconds.Count} rounds of ours against {torchSeconds.Count} of PyTorch: need the same positive number");
        var ratios = oursSeconds.Zip(torchSeconds, (o, t) => o / t).ToList();
        return new StepRatio(oursSeconds, torchSeconds, ratios, Median(ratios), ratios.Min(), ratios.Max(), Median(oursSeconds), Median(torchSeconds));
    }

    /// <summary>The middle value; the mean of the two middle ones for an even count.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        int half = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
    }
}
