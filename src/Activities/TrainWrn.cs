using LossSearch.Activities.Funnel;
using LossSearch.Learning.Training;
using LossSearch.Workflows.Activities;

namespace LossSearch.Activities;

/// <summary>WideResNet on CIFAR-10 and CIFAR-100 under each augmentation, the published recipe by default.</summary>
[Activity(Category = "Funnel", DisplayName = "Train WRN", ExecutionGroup = "gpu",
    Description = "Trains WideResNet-d-k for every loss × dataset × augmentation × seed (Nesterov SGD 0.1, wd 5e-4, batch 128, 200 epochs, ×0.2 at 60/120/160); resumes unfinished units.")]
public sealed class TrainWrn : TrainingGridActivity
{
    public TrainWrn()
    {
        Datasets = ["cifar10:data/cifar-10-batches-bin", "cifar100:data/cifar-100-binary"];
        Epochs = 200;
        Batch = 128;
        LearningRate = 0.1;
        WeightDecay = 5e-4;
    }

    [Input(Description = "WideResNet depth (6n + 4).", Minimum = 10, Maximum = 1000)] public int Depth { get; set; } = 28;
    [Input(Description = "WideResNet widening factor.", Minimum = 1, Maximum = 99)] public int Width { get; set; } = 10;
    [Input(Description = "Dropout inside the residual blocks (0 as published).", Minimum = 0, Maximum = 1, ExclusiveMaximum = true)] public double Dropout { get; set; }
    [Input(Description = "Epochs (0-based) at which the learning rate drops.", Minimum = 0)] public List<int> DropEpochs { get; set; } = [60, 120, 160];
    [Input(Description = "Factor of each drop.", Minimum = 0, ExclusiveMinimum = true, Maximum = 1)] public double DropFactor { get; set; } = 0.2;

    protected override TrainingJob JobFor(GridUnit unit) =>
        new($"wrn-{Depth}-{Width}", unit.Augmentation, unit.Loss,
            Run(unit, new OptimizerSettings(OptimizerKind.Sgd, LearningRate, Momentum: 0.9, Nesterov: true, WeightDecay: WeightDecay),
                new ScheduleSettings(ScheduleKind.StepDrops, DropEpochs: DropEpochs, DropFactor: DropFactor)))
        {
            Dropout = Dropout,
        };
}
