using Quartz;

namespace LossSearch.Workflows.Runtime;

/// <summary>
/// What Quartz knows about a job that the store's heartbeats cannot say: whether a silent attempt is
/// only waiting for its job to (re)start and claim it. It is, while one of the job's triggers waits to
/// fire (Quartz recovered it after an outage, or it waits for a thread or a group slot), or while the
/// job runs, anywhere in the cluster, on a firing that started after the attempt's last heartbeat
/// (it fired and has not claimed yet). Its silence then counts from that (re)start, not from before.
/// </summary>
internal sealed class FiringWatch(IScheduler scheduler)
{
    public async Task<bool> AwaitingClaimAsync(JobKey job, DateTimeOffset? lastHeartbeat, CancellationToken cancellation)
    {
        var waiting = await scheduler.QueryTriggers(new TriggerQuery { Job = job, State = TriggerState.Normal }, cancellation);
        if (waiting.Items.Count > 0) return true;
        var running = await scheduler.QueryFireInstances(new FireInstanceQuery { Job = job }, cancellation);
        return running.Items.Any(f => lastHeartbeat is null || f.FireTimeUtc > lastHeartbeat);
    }
}
