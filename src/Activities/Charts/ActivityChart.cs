namespace LossSearch.Activities.Charts;

/// <summary>
/// What the dashboard draws for one activity, read from the progress points its checkpoints keep
/// (so a page opened on day 3 draws the curves since day 1). <see cref="Kind"/> is <c>evolution</c>
/// (<see cref="Searches"/> set) or <c>grid</c> (<see cref="Grid"/> set). Values that are not finite
/// (a diverged loss, no best yet) are null.
/// </summary>
public sealed record ActivityChart(string Kind, IReadOnlyList<SearchChart>? Searches, GridChart? Grid);

/// <summary>One search: best-so-far and population-median fitness against candidates evaluated, and rejections by reason.</summary>
public sealed record SearchChart(string Search, int Evaluated, IReadOnlyList<SearchChartPoint> Curve, IReadOnlyDictionary<string, int> Rejections, double? ReferenceFitness);

public sealed record SearchChartPoint(int Evaluated, double? Best, double? Median);

/// <summary>The units training now (each with its finished epochs) and the finished units.</summary>
public sealed record GridChart(IReadOnlyList<RunningUnitChart> Running, IReadOnlyList<FinishedUnitRow> Finished);

/// <summary>A unit still training: its loss and accuracy per finished epoch (training split and evaluation split).</summary>
public sealed record RunningUnitChart(string Unit, string? Loss, string? Dataset, string? Augmentation, IReadOnlyList<EpochChartPoint> Epochs);

public sealed record EpochChartPoint(int Epoch, double? TrainLoss, double? TrainAccuracy, double? Loss, double? Top1);

/// <summary>A finished unit: final test top-1 (and validation top-1 when the grid carved one), best epoch and epochs trained.</summary>
public sealed record FinishedUnitRow(string Loss, string Dataset, string Augmentation, int Seed, string Status, double? Top1, double? ValidationTop1, int BestEpoch, int Epochs);
