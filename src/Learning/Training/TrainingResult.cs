namespace LossSearch.Learning.Training;

public enum TrainingStatus { Completed, Cancelled, GatedOut, Diverged }

/// <summary>
/// One finished epoch: training loss and accuracy (running means over its steps), then the evaluation
/// split's loss, top-1 and top-5 (validation when the data has one, else test). <see cref="TestTop1"/>
/// and <see cref="TestTop5"/> are set on the run's last epoch only, under <see cref="TrainingRun.TestAtEnd"/>.
/// </summary>
public sealed record EpochRecord(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double Loss,
    double Top1,
    double Top5,
    double LearningRate,
    double Seconds,
    double? TestTop1 = null,
    double? TestTop5 = null);

/// <summary>What a run ended with. <see cref="Best"/> is the epoch with the highest top-1 (earliest on ties).</summary>
public sealed record TrainingResult(
    TrainingStatus Status,
    IReadOnlyList<EpochRecord> History,
    long Steps,
    string? CheckpointPath,
    long? DivergedAtStep,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The global step of the checkpoint this session continued from; 0 for a fresh run.</summary>
    public long ResumedFromStep { get; init; }

    /// <summary>Epochs already finished in the checkpoint this session continued from; 0 for a fresh run.</summary>
    public int ResumedFromEpoch { get; init; }

    public EpochRecord? Best => History.Count == 0 ? null : History.Aggregate((a, b) => b.Top1 > a.Top1 ? b : a);
    public EpochRecord? Last => History.Count == 0 ? null : History[^1];
}
