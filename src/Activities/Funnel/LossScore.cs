namespace LossSearch.Activities.Funnel;

/// <summary>
/// A loss's score from an earlier stage, the currency of Select Top-K: a search fitness (dataset
/// null) or a trained network's test top-1 on a dataset, under an augmentation, for a seed.
/// </summary>
public sealed record LossScore(string Loss, string Augmentation, string? Dataset, int Seed, double Score)
{
    /// <summary>The group a loss is ranked in: the augmentation, or dataset/augmentation.</summary>
    public string Group => Dataset is null ? Augmentation : $"{Dataset}/{Augmentation}";
}
