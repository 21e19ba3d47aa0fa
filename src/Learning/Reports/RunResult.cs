namespace LossSearch.Learning.Reports;

/// <summary>One finished training run of a grid: its loss, dataset, augmentation, seed and final accuracy (fractions).</summary>
public sealed record RunResult(string Loss, string Dataset, string Augmentation, int Seed, double Top1, double? Top5 = null);
