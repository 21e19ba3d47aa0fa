namespace LossSearch.Learning.Recipes;

/// <summary>
/// A surrogate training of the search's fitness: ResNet9V2 trained with Adam under linear warm-up and
/// cosine decay for a fixed number of steps, stopped early when train accuracy is under
/// <see cref="GateAccuracy"/> at the end of an epoch from <see cref="GateEpoch"/> (1-based) on.
/// </summary>
public sealed record FitnessRecipe
{
    public required Sourced<string> Surrogate { get; init; }
    public required Sourced<int> Steps { get; init; }
    public required Sourced<int> StepsPerEpoch { get; init; }
    public required Sourced<int> BatchSize { get; init; }
    public required Sourced<double> LearningRate { get; init; }
    public required Sourced<int> WarmupSteps { get; init; }
    public required Sourced<int> GateEpoch { get; init; }
    public required Sourced<double> GateAccuracy { get; init; }
    public required Sourced<int> ImageSize { get; init; }
}

/// <summary>The full fitness's first training: epochs at a small size that a loss must pass before its main training.</summary>
public sealed record PreGateRecipe
{
    public required Sourced<int> Epochs { get; init; }
    public required Sourced<int> BatchSize { get; init; }
    public required Sourced<double> Accuracy { get; init; }
    public required Sourced<int> ImageSize { get; init; }
}

/// <summary>The regularized-evolution numbers of one search.</summary>
public sealed record SearchRecipe
{
    public required Sourced<int> Population { get; init; }
    public required Sourced<int> Sample { get; init; }
    public required Sourced<int> Children { get; init; }
    public required Sourced<int> InitialPool { get; init; }
    public required Sourced<int> HiddenNodes { get; init; }
    public required Sourced<int> MutationRetries { get; init; }
    public required Sourced<int> TrainingRedraws { get; init; }
    public required Sourced<double> ValidationFraction { get; init; }
}

/// <summary>WideResNet on CIFAR: Nesterov SGD with step drops of the learning rate.</summary>
public sealed record WrnRecipe
{
    public required Sourced<int> Depth { get; init; }
    public required Sourced<int> Width { get; init; }
    public required Sourced<double> Dropout { get; init; }
    public required Sourced<int> Epochs { get; init; }
    public required Sourced<int> BatchSize { get; init; }
    public required Sourced<double> LearningRate { get; init; }
    public required Sourced<double> Momentum { get; init; }
    public required Sourced<double> WeightDecay { get; init; }
    public required Sourced<IReadOnlyList<int>> DropEpochs { get; init; }
    public required Sourced<double> DropFactor { get; init; }
}

/// <summary>
/// Fine-tuning ImageNet-pretrained EfficientNetV2-S: a fixed number of steps, RMSprop at a constant
/// rate after a warm-up of <see cref="WarmupEpochs"/> passes over the training split (measured on the
/// real split, so the warm-up steps follow the dataset and the batch).
/// </summary>
public sealed record FineTuneRecipe
{
    public required Sourced<int> Steps { get; init; }
    public required Sourced<int> BatchSize { get; init; }
    public required Sourced<double> LearningRate { get; init; }
    public required Sourced<double> Momentum { get; init; }
    public required Sourced<double> Epsilon { get; init; }
    public required Sourced<double> WarmupEpochs { get; init; }
    public required Sourced<double> Ema { get; init; }
    public required Sourced<double> WeightDecay { get; init; }
    public required Sourced<double> LabelSmoothing { get; init; }
    public required Sourced<int> ImageSize { get; init; }
    /// <summary>Steps between evaluations (the grid's epochs of a step-based run).</summary>
    public required Sourced<int> StepsPerEvaluation { get; init; }

    /// <summary>Evaluations in the run: <see cref="Steps"/> rounded up to whole evaluation intervals.</summary>
    public static int Evaluations(int steps, int stepsPerEvaluation) => (steps + stepsPerEvaluation - 1) / stepsPerEvaluation;
}
