using Quartz;

namespace LossSearch.Workflows.Runtime;

/// <summary>Recurring: marks executions silent longer than the threshold as Stalled and interrupts them if they run here.</summary>
[DisallowConcurrentExecution]
internal sealed class StallDetectorJob(EngineRuntime runtime) : IJob
{
    public static readonly JobKey Key = new("stall-detector", "engine");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellation)
    {
        var stalled = await runtime.Store.MarkStalledAsync(runtime.Options.StallThreshold, cancellation);
        var scheduler = new ActivityScheduler(context.Scheduler);
        foreach (var (instanceId, activityId) in stalled)
        {
            runtime.Logger.Warning("Activity {InstanceId}/{ActivityId} stalled: no heartbeat for {Threshold}", instanceId, activityId, runtime.Options.StallThreshold);
            await scheduler.InterruptAsync(instanceId, activityId, cancellation);
        }
        foreach (var (instanceId, activityId, index) in await runtime.Items.MarkStalledAsync(runtime.Options.StallThreshold, cancellation))
        {
            runtime.Logger.Warning("Work item {InstanceId}/{ActivityId}#{Index} stalled: no heartbeat for {Threshold}", instanceId, activityId, index, runtime.Options.StallThreshold);
            await scheduler.InterruptWorkItemAsync(instanceId, activityId, index, cancellation);
        }
    }
}
