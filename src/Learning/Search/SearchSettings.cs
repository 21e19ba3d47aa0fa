using LossSearch.Learning.Recipes;

namespace LossSearch.Learning.Search;

/// <summary>
/// The budget of one candidate's surrogate training. The defaults are the published full fitness of
/// <see cref="RecipeTable.FullFitness"/> and <see cref="RecipeTable.PreGate"/> (gate epochs here are 1-based).
/// </summary>
public sealed record FitnessSettings
{
    public string Surrogate { get; init; } = RecipeTable.FullFitness.Surrogate;
    public int Steps { get; init; } = RecipeTable.FullFitness.Steps;
    public int StepsPerEpoch { get; init; } = RecipeTable.FullFitness.StepsPerEpoch;
    public int BatchSize { get; init; } = RecipeTable.FullFitness.BatchSize;
    public double LearningRate { get; init; } = RecipeTable.FullFitness.LearningRate;
    public int WarmupSteps { get; init; } = RecipeTable.FullFitness.WarmupSteps;
    /// <summary>Stop early when training accuracy is under <see cref="GateAccuracy"/> at the end of any epoch from <see cref="GateEpoch"/> (1-based) on; 0 disables.</summary>
    public int GateEpoch { get; init; } = RecipeTable.FullFitness.GateEpoch;
    public double GateAccuracy { get; init; } = RecipeTable.FullFitness.GateAccuracy;

    /// <summary>Two-stage fitness (published): epochs of the 32×32 pre-gate, each <see cref="StepsPerEpoch"/> steps.</summary>
    public int PreGateEpochs { get; init; } = RecipeTable.PreGate.Epochs;
    public int PreGateBatchSize { get; init; } = RecipeTable.PreGate.BatchSize;
    /// <summary>The pre-gate passes when its best epoch's train accuracy reaches this.</summary>
    public double PreGateAccuracy { get; init; } = RecipeTable.PreGate.Accuracy;
    /// <summary>The side of the images of the 32×32 stages (the pre-gate and, under two-stage fitness, the cheap fitness).</summary>
    public int PreGateImageSize { get; init; } = RecipeTable.PreGate.ImageSize;
    /// <summary>Two-stage fitness: the side of the images of the main training.</summary>
    public int ImageSize { get; init; } = RecipeTable.FullFitness.ImageSize;

    /// <summary>The published cheap fitness of the initial pool (<see cref="RecipeTable.CheapFitness"/>): 32×32, no augmentation.</summary>
    public static FitnessSettings PublishedCheap => new()
    {
        Surrogate = RecipeTable.CheapFitness.Surrogate, Steps = RecipeTable.CheapFitness.Steps, StepsPerEpoch = RecipeTable.CheapFitness.StepsPerEpoch,
        BatchSize = RecipeTable.CheapFitness.BatchSize, LearningRate = RecipeTable.CheapFitness.LearningRate, WarmupSteps = RecipeTable.CheapFitness.WarmupSteps,
        GateEpoch = RecipeTable.CheapFitness.GateEpoch, GateAccuracy = RecipeTable.CheapFitness.GateAccuracy, PreGateImageSize = RecipeTable.CheapFitness.ImageSize,
    };

    /// <summary>The cheap fitness that goes with this full one: same budget, the cheap gate and batch.</summary>
    public FitnessSettings Cheap() => this with { GateEpoch = PublishedCheap.GateEpoch, GateAccuracy = PublishedCheap.GateAccuracy, BatchSize = PreGateBatchSize };

    public int Epochs => Math.Max(1, (int)Math.Ceiling(Steps / (double)StepsPerEpoch));

    public void Validate(string field)
    {
        if (!Models.ModelCatalog.IsKnown(Surrogate))
            throw new InvalidInputException($"{field}.surrogate: '{Surrogate}' is not a known architecture (resnet9v2, wrn-D-K with D = 6n + 4, ...)");
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
/// defaults are the published values of <see cref="RecipeTable.Search"/> (population 100, sample 20,
/// 4,000 children, 1,000 initial losses scored cheaply, the best 100 re-scored fully, 2,500 mutation retries, 7 re-draws).
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
    public int PopulationSize { get; init; } = RecipeTable.Search.Population;
    public int SampleSize { get; init; } = RecipeTable.Search.Sample;
    public int Children { get; init; } = RecipeTable.Search.Children;
    public int InitialPool { get; init; } = RecipeTable.Search.InitialPool;
    /// <summary>Hidden nodes of a random loss (the root comes on top).</summary>
    public int HiddenNodes { get; init; } = RecipeTable.Search.HiddenNodes;
    public int MutationRetries { get; init; } = RecipeTable.Search.MutationRetries;
    public int TrainingRedraws { get; init; } = RecipeTable.Search.TrainingRedraws;
    public int Parallel { get; init; } = 1;
    public long Seed { get; init; } = 1;
    /// <summary>The initial pool's fitness; null scores the pool with <see cref="Fitness"/> directly.</summary>
    public FitnessSettings? CheapFitness { get; init; } = FitnessSettings.PublishedCheap;
    public FitnessSettings Fitness { get; init; } = new();
    /// <summary>Fraction of the training split held out for validation (CIFAR: 5k of 50k).</summary>
    public double ValidationFraction { get; init; } = RecipeTable.Search.ValidationFraction;

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
