namespace LossSearch.Activities.Funnel;

/// <summary>
/// A loss's score from an earlier stage, the currency of Select Top-K: a search fitness (dataset
/// null) or a trained network's final top-1 on a dataset (validation, or test under
/// <c>selectOn: test</c>), under an augmentation, for a seed.
/// </summary>
public sealed record LossScore(string Loss, string Augmentation, string? Dataset, int Seed, double Score)
{
    /// <summary>The split the score was measured on: <c>validation</c> or <c>test</c> (a grid), null for a search fitness (its own validation).</summary>
    public string? Split { get; init; }

    /// <summary>The group a loss is ranked in: the augmentation, or dataset/augmentation.</summary>
    public string Group => Dataset is null ? Augmentation : $"{Dataset}/{Augmentation}";
}
