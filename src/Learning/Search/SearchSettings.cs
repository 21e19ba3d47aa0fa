namespace LossSearch.Learning.Search;

/// <summary>
/// The budget of one candidate's surrogate training. The defaults are the published full fitness
/// (8,000 steps at batch 128 with Adam, peak 1e-3 after 800 warm-up steps, cosine decay, 100 steps
/// an epoch, stop when train accuracy is under 0.22 after epoch 7).
/// </summary>
public sealed record FitnessSettings
{
    public string Surrogate { get; init; } = "resnet9v2";
    public int Steps { get; init; } = 8_000;
    public int StepsPerEpoch { get; init; } = 100;
    public int BatchSize { get; init; } = 128;
    public double LearningRate { get; init; } = 1e-3;
    public int WarmupSteps { get; init; } = 800;
    /// <summary>Stop early when training accuracy is under <see cref="GateAccuracy"/> after epoch <see cref="GateEpoch"/>; 0 disables.</summary>
    public int GateEpoch { get; init; } = 7;
    public double GateAccuracy { get; init; } = 0.22;

    /// <summary>The published cheap fitness of the initial pool: no augmentation, gate 0.35 after epoch 6.</summary>
    public static FitnessSettings PublishedCheap => new() { GateEpoch = 6, GateAccuracy = 0.35 };

    public int Epochs => Math.Max(1, (int)Math.Ceiling(Steps / (double)StepsPerEpoch));

    public void Validate(string field)
    {
        if (Steps < 1) throw new InvalidInputException($"{field}.steps: {Steps} must be at least 1");
        if (StepsPerEpoch < 1) throw new InvalidInputException($"{field}.stepsPerEpoch: {StepsPerEpoch} must be at least 1");
        if (BatchSize < 2) throw new InvalidInputException($"{field}.batch: {BatchSize} must be at least 2");
        if (!(LearningRate > 0)) throw new InvalidInputException($"{field}.learningRate: {LearningRate} must be positive");
        if (WarmupSteps < 0) throw new InvalidInputException($"{field}.warmupSteps: {WarmupSteps} must not be negative");
        if (GateAccuracy is < 0 or > 1) throw new InvalidInputException($"{field}.gateAccuracy: {GateAccuracy} must lie in [0, 1]");
    }
}

/// <summary>
/// One regularized-evolution search. Every number of the published method is a setting; the
/// defaults are the published values (population 100, sample 20, 4,000 children, 1,000 initial
/// losses scored cheaply, the best 100 re-scored fully, 2,500 mutation retries, 7 re-draws).
/// </summary>
public sealed record SearchSettings
{
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
        if (Parallel < 1) throw new InvalidInputException($"parallel: {Parallel} must be at least 1");
        if (ValidationFraction is <= 0 or >= 1) throw new InvalidInputException($"validationFraction: {ValidationFraction} must lie in (0, 1)");
        CheapFitness?.Validate("cheapFitness");
        Fitness.Validate("fitness");
    }
}
