namespace LossSearch.Learning.Search;

/// <summary>
/// The budget of one candidate's surrogate training. The defaults are the published full fitness
/// (8,000 steps at batch 64 with Adam, peak 1e-3 after 800 warm-up steps, cosine decay, 100 steps
/// an epoch, stop when train accuracy is under 0.22 at the end of epoch 8 or later — the code's
/// <c>epoch &gt;= 7</c> counts Keras' 0-based epochs; gate epochs here are 1-based).
/// </summary>
public sealed record FitnessSettings
{
    public string Surrogate { get; init; } = "resnet9v2";
    public int Steps { get; init; } = 8_000;
    public int StepsPerEpoch { get; init; } = 100;
    public int BatchSize { get; init; } = 64;
    public double LearningRate { get; init; } = 1e-3;
    public int WarmupSteps { get; init; } = 800;
    /// <summary>Stop early when training accuracy is under <see cref="GateAccuracy"/> at the end of any epoch from <see cref="GateEpoch"/> (1-based) on; 0 disables.</summary>
    public int GateEpoch { get; init; } = 8;
    public double GateAccuracy { get; init; } = 0.22;

    /// <summary>Two-stage fitness (published): epochs of the 32×32 pre-gate, each <see cref="StepsPerEpoch"/> steps.</summary>
    public int PreGateEpochs { get; init; } = 8;
    public int PreGateBatchSize { get; init; } = 128;
    /// <summary>The pre-gate passes when its best epoch's train accuracy reaches this.</summary>
    public double PreGateAccuracy { get; init; } = 0.35;
    public int PreGateImageSize { get; init; } = 32;
    /// <summary>Two-stage fitness: the side of the images of the main training.</summary>
    public int ImageSize { get; init; } = 80;

    /// <summary>The published cheap fitness of the initial pool: 32×32, no augmentation, batch 128, gate 0.35 from epoch 7 (the code's <c>epoch &gt;= 6</c>).</summary>
    public static FitnessSettings PublishedCheap => new() { GateEpoch = 7, GateAccuracy = 0.35, BatchSize = 128 };

    /// <summary>The cheap fitness that goes with this full one: same budget, the cheap gate and batch.</summary>
    public FitnessSettings Cheap() => this with { GateEpoch = PublishedCheap.GateEpoch, GateAccuracy = PublishedCheap.GateAccuracy, BatchSize = PreGateBatchSize };

    public int Epochs => Math.Max(1, (int)Math.Ceiling(Steps / (double)StepsPerEpoch));

    public void Validate(string field)
    {
        if (Steps < 1) throw new InvalidInputException($"{field}.steps: {Steps} must be at least 1");
        if (StepsPerEpoch < 1) throw new InvalidInputException($"{field}.stepsPerEpoch: {StepsPerEpoch} must be at least 1");
        if (BatchSize < 2) throw new InvalidInputException($"{field}.batch: {BatchSize} must be at least 2");
        if (!(LearningRate > 0)) throw new InvalidInputException($"{field}.learningRate: {LearningRate} must be positive");
        if (WarmupSteps < 0) throw new InvalidInputException($"{field}.warmupSteps: {WarmupSteps} must not be negative");
        if (GateAccuracy is < 0 or > 1) throw new InvalidInputException($"{field}.gateAccuracy: {GateAccuracy} must lie in [0, 1]");
        if (PreGateEpochs < 1) throw new InvalidInputException($"{field}.preGateEpochs: {PreGateEpochs} must be at least 1");
        if (PreGateBatchSize < 2) throw new InvalidInputException($"{field}.preGateBatchSize: {PreGateBatchSize} must be at least 2");
        if (PreGateAccuracy is < 0 or > 1) throw new InvalidInputException($"{field}.preGateAccuracy: {PreGateAccuracy} must lie in [0, 1]");
        if (PreGateImageSize < 8) throw new InvalidInputException($"{field}.preGateImageSize: {PreGateImageSize} must be at least 8");
        if (ImageSize < 8) throw new InvalidInputException($"{field}.imageSize: {ImageSize} must be at least 8");
    }
}

/// <summary>
/// One regularized-evolution search. Every number of the published method is a setting; the
/// defaults are the published values (population 100, sample 20, 4,000 children, 1,000 initial
/// losses scored cheaply, the best 100 re-scored fully, 2,500 mutation retries, 7 re-draws).
/// How those numbers are used follows <see cref="Protocol"/> (default ours; the funnel uses published).
/// </summary>
public sealed record SearchSettings
{
    private readonly SearchProtocol _protocol = SearchProtocol.Ours;

    /// <summary>The named protocol; setting it sets <see cref="Switches"/> to its preset (set switches after it to deviate).</summary>
    public SearchProtocol Protocol
    {
        get => _protocol;
        init { _protocol = value; Switches = ProtocolSwitches.For(value); }
    }

    public ProtocolSwitches Switches { get; init; } = ProtocolSwitches.Ours;

    /// <summary>A search aborts when this many candidates in a row fail with the same exception type (a systematic error, not a bad loss).</summary>
    public int SystematicErrorLimit { get; init; } = 5;

    /// <summary>Also score cross-entropy with the full fitness, as the search's reference line.</summary>
    public bool ScoreReference { get; init; } = true;

    public string Augmentation { get; init; } = "baseline";
    public string Dataset { get; init; } = "synthetic:cifar10?n=2000&seed=1";
    public int PopulationSize { get; init; } = 100;
    public int SampleSize { get; init; } = 20;
    public int Children { get; init; } = 4_000;
    public int InitialPool { get; init; } = 1_000;
    /// <summary>Hidden nodes of a random loss (the root comes on top).</summary>
    public int HiddenNodes { get; init; } = 4;
    public int MutationRetries { get; init; } = 2_500;
    public int TrainingRedraws { get; init; } = 7;
    public int Parallel { get; init; } = 1;
    public long Seed { get; init; } = 1;
    /// <summary>The initial pool's fitness; null scores the pool with <see cref="Fitness"/> directly.</summary>
    public FitnessSettings? CheapFitness { get; init; } = FitnessSettings.PublishedCheap;
    public FitnessSettings Fitness { get; init; } = new();
    /// <summary>Fraction of the training split held out for validation (CIFAR: 5k of 50k).</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Throws <see cref="InvalidInputException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (PopulationSize < 2) throw new InvalidInputException($"population: {PopulationSize} must be at least 2");
        if (InitialPool < PopulationSize)
            throw new InvalidInputException($"initial: the initial pool ({InitialPool}) must be at least the population ({PopulationSize})");
        if (SampleSize < 1 || SampleSize > PopulationSize)
            throw new InvalidInputException($"sample: {SampleSize} must lie in [1, population = {PopulationSize}]");
        if (Children < 1) throw new InvalidInputException($"children: {Children} must be at least 1");
        if (HiddenNodes < 1) throw new InvalidInputException($"hiddenNodes: {HiddenNodes} must be at least 1");
        if (MutationRetries < 1) throw new InvalidInputException($"mutationRetries: {MutationRetries} must be at least 1");
        if (TrainingRedraws < 0) throw new InvalidInputException($"trainingRedraws: {TrainingRedraws} must not be negative");
        if (SystematicErrorLimit < 1) throw new InvalidInputException($"systematicErrorLimit: {SystematicErrorLimit} must be at least 1");
        if (Parallel < 1) throw new InvalidInputException($"parallel: {Parallel} must be at least 1");
        if (ValidationFraction is <= 0 or >= 1) throw new InvalidInputException($"validationFraction: {ValidationFraction} must lie in (0, 1)");
        CheapFitness?.Validate("cheapFitness");
        Fitness.Validate("fitness");
    }
}
