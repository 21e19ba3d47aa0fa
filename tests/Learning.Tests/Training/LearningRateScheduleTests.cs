using LossSearch.Learning.Training;

namespace LossSearch.Learning.Tests.Training;

public class LearningRateScheduleTests
{
    [Fact]
    public void WarmupCosineFollowsThePublishedFormula()
    {
        var schedule = new ScheduleSettings(ScheduleKind.WarmupCosine, WarmupSteps: 800);
        Assert.Equal(0.0, LearningRateSchedule.At(schedule, 1e-3, 0, 100, 8000));
        Assert.Equal(0.5e-3, LearningRateSchedule.At(schedule, 1e-3, 400, 100, 8000), 15);
        Assert.Equal(1e-3, LearningRateSchedule.At(schedule, 1e-3, 800, 100, 8000), 15);
        // half-way through the decay: cos(π/2) = 0 → peak/2
        Assert.Equal(0.5e-3, LearningRateSchedule.At(schedule, 1e-3, 800 + 3600, 100, 8000), 15);
        Assert.Equal(0.5e-3 * (1 + Math.Cos(Math.PI * 7199 / 7200)), LearningRateSchedule.At(schedule, 1e-3, 7999, 100, 8000), 15);
    }

    [Fact]
    public void StepDropsMultiplyAtTheGivenEpochs()
    {
        var schedule = new ScheduleSettings(ScheduleKind.StepDrops, DropEpochs: [60, 120, 160], DropFactor: 0.2);
        const long perEpoch = 391;
        Assert.Equal(0.1, LearningRateSchedule.At(schedule, 0.1, 60 * perEpoch - 1, perEpoch, 200 * perEpoch), 15);
        Assert.Equal(0.02, LearningRateSchedule.At(schedule, 0.1, 60 * perEpoch, perEpoch, 200 * perEpoch), 15);
        Assert.Equal(0.004, LearningRateSchedule.At(schedule, 0.1, 120 * perEpoch, perEpoch, 200 * perEpoch), 15);
        Assert.Equal(0.0008, LearningRateSchedule.At(schedule, 0.1, 199 * perEpoch, perEpoch, 200 * perEpoch), 15);
    }

    [Fact]
    public void WarmupConstantRisesThenHolds()
    {
        var schedule = new ScheduleSettings(ScheduleKind.WarmupConstant, WarmupSteps: 10);
        Assert.Equal(2.5e-4, LearningRateSchedule.At(schedule, 5e-4, 5, 10, 1000), 15);
        Assert.Equal(5e-4, LearningRateSchedule.At(schedule, 5e-4, 10, 10, 1000));
        Assert.Equal(5e-4, LearningRateSchedule.At(schedule, 5e-4, 999, 10, 1000));
    }
}
