namespace LossSearch.Learning.Training;

/// <summary>The learning rate as a pure function of the step, so that a checkpoint's step is the schedule's whole position.</summary>
public static class LearningRateSchedule
{
    /// <param name="step">0-based global step.</param>
    /// <param name="stepsPerEpoch">steps in one epoch (for epoch-based drops).</param>
    /// <param name="totalSteps">steps in the whole run (for the cosine's end).</param>
    public static double At(ScheduleSettings schedule, double peak, long step, long stepsPerEpoch, long totalSteps)
    {
        long warmup = schedule.WarmupSteps;
        switch (schedule.Kind)
        {
            case ScheduleKind.Constant:
                return peak;
            case ScheduleKind.StepDrops:
                long epoch = step / stepsPerEpoch;
                int drops = (schedule.DropEpochs ?? []).Count(e => epoch >= e);
                return peak * Math.Pow(schedule.DropFactor, drops);
            case ScheduleKind.WarmupConstant:
                return step < warmup ? peak * step / warmup : peak;
            case ScheduleKind.WarmupCosine:
                if (step < warmup) return peak * step / warmup;
                long decaySteps = Math.Max(1, totalSteps - warmup);
                return 0.5 * peak * (1 + Math.Cos(Math.PI * (step - warmup) / decaySteps));
            default:
                throw new ArgumentOutOfRangeException(nameof(schedule), schedule.Kind, "unknown schedule kind");
        }
    }
}
