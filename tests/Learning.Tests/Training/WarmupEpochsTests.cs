using LossSearch.Learning.Models;
using LossSearch.Learning.Training;
using TorchSharp;

namespace LossSearch.Learning.Tests.Training;

public class WarmupEpochsTests
{
    [Fact]
    public void OneEpochOfWarmupIsMeasuredOnTheSplitTheRunTrainsOn()
    {
        // 256 training images at batch 32: one pass is 8 batches, so the warm-up is 8 steps.
        using var data = InMemoryBatchSource.Learnable(train: 256);
        torch.manual_seed(11);
        using var model = ModelCatalog.Create("resnet9v2", 4, 1, 0);
        var run = new TrainingRun
        {
            Epochs = 3, StepsPerEpoch = 4, BatchSize = 32, Seed = 3,
            Optimizer = new OptimizerSettings(OptimizerKind.RmsProp, 0.01, Momentum: 0.9, Epsilon: 1e-3),
            Schedule = new ScheduleSettings(ScheduleKind.WarmupConstant, WarmupEpochs: 1),
        };
        var result = Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, model);
        // Each record holds the rate of its epoch's last step: steps 3, 7 and 11.
        Assert.Equal([0.01 * 3 / 8, 0.01 * 7 / 8, 0.01], result.History.Select(e => e.LearningRate).ToArray());
    }

    [Fact]
    public void WarmupEpochsBecomeStepsPerSplitAndNegativeIsBadInput()
    {
        var schedule = new ScheduleSettings(ScheduleKind.WarmupConstant, WarmupSteps: 99, WarmupEpochs: 1.5);
        Assert.Equal(15, schedule.ForSplit(10).WarmupSteps);
        Assert.Equal(99, (schedule with { WarmupEpochs = null }).ForSplit(10).WarmupSteps);
        var error = Assert.Throws<InvalidInputException>(() => new TrainingRun { Schedule = schedule with { WarmupEpochs = -1 } }.Validate());
        Assert.StartsWith("warmupEpochs:", error.Message);
    }
}
