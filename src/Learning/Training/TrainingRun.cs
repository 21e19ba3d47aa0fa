namespace LossSearch.Learning.Training;

public enum OptimizerKind { Sgd, Adam, AdamW, RmsProp }

/// <summary>Optimizer and its hyper-parameters; fields an optimizer does not use are ignored.</summary>
public sealed record OptimizerSettings(
    OptimizerKind Kind = OptimizerKind.Sgd,
    double LearningRate = 0.1,
    double Momentum = 0.9,
    bool Nesterov = true,
    double WeightDecay = 0.0,
    double Beta1 = 0.9,
    double Beta2 = 0.999,
    double Epsilon = 1e-8,
    double Alpha = 0.99);

public enum ScheduleKind { Constant, StepDrops, WarmupCosine, WarmupConstant }

/// <summary>
/// How the learning rate moves: <see cref="ScheduleKind.StepDrops"/> multiplies by <see cref="DropFactor"/>
/// at each of <see cref="DropEpochs"/> (0-based epoch indices); the warm-up kinds rise linearly over
/// <see cref="WarmupSteps"/> and then decay by cosine to 0 at the last step, or stay constant.
/// <see cref="WarmupEpochs"/>, when set, replaces <see cref="WarmupSteps"/> by that many passes over the
/// training split the run actually trains on (its batches per pass, rounded), so a recipe's "one epoch
/// of warm-up" follows the dataset and the batch.
/// </summary>
public sealed record ScheduleSettings(
    ScheduleKind Kind = ScheduleKind.Constant,
    long WarmupSteps = 0,
    IReadOnlyList<int>? DropEpochs = null,
    double DropFactor = 0.2,
    double? WarmupEpochs = null)
{
    /// <summary>This schedule with <see cref="WarmupEpochs"/> turned into steps for a split of <paramref name="batchesPerPass"/> batches.</summary>
    public ScheduleSettings ForSplit(long batchesPerPass) =>
        WarmupEpochs is double epochs ? this with { WarmupSteps = (long)Math.Round(epochs * batchesPerPass), WarmupEpochs = null } : this;
}

/// <summary>Stop the run when, at the end of any epoch from <see cref="FromEpoch"/> (1-based) on, training accuracy is below <see cref="MinTrainAccuracy"/>.</summary>
public sealed record AccuracyGate(int FromEpoch, double MinTrainAccuracy);

/// <summary>Per-channel normalisation applied after augmentation: (x - mean) / std.</summary>
public sealed record InputNormalization(float[] Mean, float[] Std)
{
    /// <summary>The exact per-channel statistics of a training split (pixels scaled to [0, 1]).</summary>
    public static InputNormalization Of(Data.IBatchSource trainingSplit)
    {
        var statistics = Data.ChannelStatistics.Compute(trainingSplit);
        return new InputNormalization(statistics.Mean.Select(v => (float)v).ToArray(), statistics.Std.Select(v => (float)v).ToArray());
    }

    /// <summary>
    /// These statistics for images of <paramref name="channels"/> channels: unchanged when they match;
    /// RGB statistics (e.g. ImageNet's) averaged into one channel for grayscale images.
    /// </summary>
    public InputNormalization ForChannels(int channels)
    {
        if (Mean.Length == channels) return this;
        if (channels == 1) return new InputNormalization([Mean.Average()], [Std.Average()]);
        throw new InvalidInputException($"normalization: {Mean.Length} means and {Std.Length} standard deviations for {channels}-channel images.");
    }
}

/// <summary>
/// Everything that defines one training run. An epoch is one pass over the training split, or
/// <see cref="StepsPerEpoch"/> steps when set (the data then cycles, reshuffled every pass).
/// </summary>
public sealed record TrainingRun
{
    public int Epochs { get; init; } = 1;
    public int? StepsPerEpoch { get; init; }
    public int BatchSize { get; init; } = 128;
    public int EvaluationBatchSize { get; init; } = 256;
    public OptimizerSettings Optimizer { get; init; } = new();
    public ScheduleSettings Schedule { get; init; } = new();
    public double LabelSmoothing { get; init; }
    /// <summary>Exponential moving average of the weights (e.g. 0.9996); evaluation then uses the average.</summary>
    public double? EmaDecay { get; init; }
    public IReadOnlyList<AccuracyGate> Gates { get; init; } = [];
    public long Seed { get; init; } = 1;
    /// <summary><c>auto|cpu|cuda|cuda:N</c>, resolved by <see cref="Runtime.DeviceSelection"/>.</summary>
    public string Device { get; init; } = "cpu";
    public InputNormalization? Normalization { get; init; }
    /// <summary>Evaluation images are resized (bilinear) to this square size when set, e.g. 80 when the augmentation trains at 80×80.</summary>
    public int? EvaluationImageSize { get; init; }
    /// <summary>
    /// When the data has a validation split (the per-epoch evaluation), also evaluate the test split once,
    /// on the epoch that ends the run (completed or gated out), into <see cref="EpochRecord.TestTop1"/>:
    /// choices are made on validation, and the test split is only reported.
    /// </summary>
    public bool TestAtEnd { get; init; }
    /// <summary>
    /// The running loss and accuracy stay on the device; they are read (one host synchronisation) and a
    /// <see cref="TrainingPhase.Step"/> progress reported every this many steps of an epoch, at its end,
    /// on cancellation, and after <see cref="ProgressEverySeconds"/> when steps are slow (heartbeats).
    /// A diverged loss is noticed at the next read.
    /// </summary>
    public int ProgressEverySteps { get; init; } = 20;

    /// <summary>
    /// The optimizer updates one contiguous buffer that every trainable parameter is a view of
    /// (<see cref="FlatParameters"/>). Null (the default): a new run flattens, a resumed run keeps the setting of
    /// its checkpoint (one from before the setting existed is plain). Its optimizer state is one tensor, so a
    /// checkpoint resumes only with its own setting: an explicit true or false that differs is refused.
    /// </summary>
    public bool? FlatParameters { get; init; }

    /// <summary>What the caller adds to the run's identity (model, loss, augmentation, weights); see <see cref="RunIdentity"/>.</summary>
    public IReadOnlyDictionary<string, string>? JobIdentity { get; init; }
    public double ProgressEverySeconds { get; init; } = 10;

    /// <summary>Throws <see cref="InvalidInputException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new InvalidInputException($"epochs: {Epochs} must be at least 1.");
        if (StepsPerEpoch is < 1) throw new InvalidInputException($"stepsPerEpoch: {StepsPerEpoch} must be at least 1.");
        if (BatchSize < 2) throw new InvalidInputException($"batch: {BatchSize} must be at least 2 (batch norm needs two images).");
        if (EvaluationImageSize is < 1) throw new InvalidInputException($"evaluationImageSize: {EvaluationImageSize} must be positive.");
        if (ProgressEverySteps < 1) throw new InvalidInputException($"progressEverySteps: {ProgressEverySteps} must be at least 1.");
        if (!(ProgressEverySeconds > 0)) throw new InvalidInputException($"progressEverySeconds: {ProgressEverySeconds} must be positive.");
        if (EvaluationBatchSize < 1) throw new InvalidInputException($"evaluationBatchSize: {EvaluationBatchSize} must be at least 1.");
        if (!(Optimizer.LearningRate > 0)) throw new InvalidInputException($"learningRate: {Optimizer.LearningRate} must be positive.");
        if (Optimizer.WeightDecay < 0) throw new InvalidInputException($"weightDecay: {Optimizer.WeightDecay} must not be negative.");
        if (LabelSmoothing is < 0 or >= 1) throw new InvalidInputException($"labelSmoothing: {LabelSmoothing} must lie in [0, 1).");
        if (EmaDecay is <= 0 or >= 1) throw new InvalidInputException($"ema: {EmaDecay} must lie in (0, 1).");
        if (Schedule.WarmupSteps < 0) throw new InvalidInputException($"warmupSteps: {Schedule.WarmupSteps} must not be negative.");
        if (Schedule.WarmupEpochs is < 0) throw new InvalidInputException($"warmupEpochs: {Schedule.WarmupEpochs} must not be negative.");
        foreach (var gate in Gates)
            if (gate.FromEpoch < 1) throw new InvalidInputException($"gate: epoch {gate.FromEpoch} must be at least 1.");
    }
}
