using Quartz;

namespace LossSearch.Workflows.Runtime;

/// <summary>
/// Queues Pending executions that have no Quartz firing: left so by a crash between storing a
/// completion and queueing its successors, or by a failure while queueing them. At start it queues
/// all of them; each recurring round queues those found unqueued in two rounds in a row, so a
/// completion that is queueing its successors right now is never raced.
/// </summary>
internal sealed class Dispatcher(EngineRuntime runtime, IScheduler scheduler)
{
    private readonly ActivityScheduler _activities = new(scheduler);
    private HashSet<PendingExecution> _unqueued = [];

    public async Task QueueAsync(IEnumerable<PendingExecution> work, CancellationToken cancellation)
    {
        foreach (var execution in work)
            if (!await _activities.IsQueuedAsync(execution.InstanceId, execution.ActivityId, cancellation))
                await ScheduleAsync(execution, cancellation);
    }

    public async Task RoundAsync(CancellationToken cancellation)
    {
        var unqueued = new HashSet<PendingExecution>();
        foreach (var execution in await runtime.Store.PendingExecutionsAsync(cancellation))
            if (!await _activities.IsQueuedAsync(execution.InstanceId, execution.ActivityId, cancellation))
                unqueued.Add(execution);
        foreach (var execution in unqueued.Where(_unqueued.Contains))
        {
            runtime.Logger.Warning("Activity {InstanceId}/{ActivityId} was Pending with nothing queued; the dispatcher queued it", execution.InstanceId, execution.ActivityId);
            await ScheduleAsync(execution, cancellation);
            await runtime.Store.JournalRequeuedAsync(execution.InstanceId, execution.ActivityId, cancellation);
        }
        _unqueued = unqueued;
    }

    private Task ScheduleAsync(PendingExecution execution, CancellationToken cancellation) =>
        _activities.ScheduleAsync(execution.InstanceId, execution.ActivityId, runtime.Registry.Find(execution.ActivityType)?.ExecutionGroup, cancellation: cancellation);
}
