using LossSearch.Activities.Funnel;
using LossSearch.Learning.Models;
using LossSearch.Learning.Recipes;
using LossSearch.Learning.Training;
using LossSearch.Workflows.Activities;

namespace LossSearch.Activities;

/// <summary>WideResNet on CIFAR-10 and CIFAR-100 under each augmentation, the published recipe (<see cref="RecipeTable.Wrn"/>) by default.</summary>
[Activity(Category = "Funnel", DisplayName = "Train WRN", ExecutionGroup = "gpu",
    Description = "Trains WideResNet-d-k for every loss × dataset × augmentation × seed (Nesterov SGD 0.1, wd 5e-4, batch 128, 200 epochs, ×0.2 at 60/120/160); resumes unfinished units.")]
public sealed class TrainWrn : TrainingGridActivity
{
    private static readonly WrnRecipe Recipe = RecipeTable.Wrn;

    public TrainWrn()
    {
        Datasets = ["cifar10:data/cifar-10-batches-bin", "cifar100:data/cifar-100-binary"];
        Batch = Recipe.BatchSize;
        LearningRate = Recipe.LearningRate;
        WeightDecay = Recipe.WeightDecay;
    }

    [Input(Description = "Epochs per run.", Minimum = 1)] public int Epochs { get; set; } = Recipe.Epochs;
    [Input(Description = "Steps per epoch; 0 means one pass over the training split.", Minimum = 0)] public int StepsPerEpoch { get; set; }
    [Input(Description = "WideResNet depth (6n + 4).", Minimum = 10, Maximum = 1000)] public int Depth { get; set; } = Recipe.Depth;
    [Input(Description = "WideResNet widening factor.", Minimum = 1, Maximum = 99)] public int Width { get; set; } = Recipe.Width;
    [Input(Description = "Dropout inside the residual blocks (0 as published).", Minimum = 0, Maximum = 1, ExclusiveMaximum = true)] public double Dropout { get; set; } = Recipe.Dropout;
    [Input(Description = "Nesterov momentum.", Minimum = 0, Maximum = 1, ExclusiveMaximum = true)] public double Momentum { get; set; } = Recipe.Momentum;
    [Input(Description = "Epochs (0-based) at which the learning rate drops.", Minimum = 0)] public List<int> DropEpochs { get; set; } = [.. Recipe.DropEpochs.Value];
    [Input(Description = "Factor of each drop.", Minimum = 0, ExclusiveMinimum = true, Maximum = 1)] public double DropFactor { get; set; } = Recipe.DropFactor;

    public override IEnumerable<InputProblem> Validate(IReadOnlySet<string> unknown)
    {
        if (!unknown.Contains("depth") && !unknown.Contains("width") && !ModelCatalog.IsKnown($"wrn-{Depth}-{Width}"))
            yield return new InputProblem("depth", $"{Depth} is not 6n + 4 with n ≥ 1 (10, 16, 22, 28, 40, ...)");
    }

    protected override TrainingJob JobFor(GridUnit unit) =>
        new($"wrn-{Depth}-{Width}", unit.Augmentation, unit.Loss,
            Run(unit, Epochs, StepsPerEpoch > 0 ? StepsPerEpoch : null,
                new OptimizerSettings(OptimizerKind.Sgd, LearningRate, Momentum: Momentum, Nesterov: true, WeightDecay: WeightDecay),
                new ScheduleSettings(ScheduleKind.StepDrops, DropEpochs: DropEpochs, DropFactor: DropFactor)))
        {
            Dropout = Dropout,
        };
}
