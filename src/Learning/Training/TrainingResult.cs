namespace LossSearch.Learning.Training;

public enum TrainingStatus { Completed, Cancelled, GatedOut, Diverged }

/// <summary>One finished epoch: training loss and accuracy (running means over its steps), then the evaluation split's loss, top-1 and top-5.</summary>
public sealed record EpochRecord(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double Loss,
    double Top1,
    double Top5,
    double LearningRate,
    double Seconds);

/// <summary>What a run ended with. <see cref="Best"/> is the epoch with the highest top-1 (earliest on ties).</summary>
public sealed record TrainingResult(
    TrainingStatus Status,
    IReadOnlyList<EpochRecord> History,
    long Steps,
    string? CheckpointPath,
    long? DivergedAtStep,
    IReadOnlyList<string> Warnings)
{
    public EpochRecord? Best => History.Count == 0 ? null : History.Aggregate((a, b) => b.Top1 > a.Top1 ? b : a);
    public EpochRecord? Last => History.Count == 0 ? null : History[^1];
}
