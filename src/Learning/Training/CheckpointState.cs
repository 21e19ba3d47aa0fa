namespace LossSearch.Learning.Training;

/// <summary>The scalar part of a checkpoint: where the run stands and what it has measured so far.</summary>
internal sealed record CheckpointState(
    long GlobalStep,
    long Seed,
    int BatchSize,
    long StepsPerEpoch,
    long TotalSteps,
    TrainingStatus? Status,
    List<EpochRecord> History,
    double EpochLossSum,
    long EpochCorrect,
    long EpochImages,
    bool HasAverage,
    long? DivergedAtStep = null,
    IReadOnlyDictionary<string, string>? Identity = null);
