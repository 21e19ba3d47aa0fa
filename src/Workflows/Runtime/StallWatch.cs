using Quartz;

namespace LossSearch.Workflows.Runtime;

/// <summary>
/// One round of stall detection: marks executions and work items silent longer than the threshold as
/// Stalled, unless their job is only waiting to (re)start (<see cref="FiringWatch"/>), and interrupts
/// them if they run here. Runs on every node; the marks are conditional updates, so nodes cannot
/// both win one.
/// </summary>
internal sealed class StallWatch(EngineRuntime runtime, IScheduler scheduler)
{
    private readonly FiringWatch _firings = new(scheduler);
    private readonly ActivityScheduler _activities = new(scheduler);

    public async Task RoundAsync(CancellationToken cancellation)
    {
        var threshold = runtime.Options.StallThreshold;
        foreach (var (instanceId, activityId) in await runtime.Store.MarkStalledAsync(threshold, _firings.AwaitingClaimAsync, cancellation))
        {
            runtime.Logger.Warning("Activity {InstanceId}/{ActivityId} stalled: no heartbeat for {Threshold}", instanceId, activityId, threshold);
            await _activities.InterruptAsync(instanceId, activityId, cancellation);
        }
        foreach (var (instanceId, activityId, index) in await runtime.Items.MarkStalledAsync(threshold, _firings.AwaitingClaimAsync, cancellation))
        {
            runtime.Logger.Warning("Work item {InstanceId}/{ActivityId}#{Index} stalled: no heartbeat for {Threshold}", instanceId, activityId, index, threshold);
            await _activities.InterruptWorkItemAsync(instanceId, activityId, index, cancellation);
        }
    }
}
