using System.Text.Json;
using LossSearch.Workflows.Activities;
using LossSearch.Workflows.Persistence;
using Quartz;

namespace LossSearch.Workflows.Runtime;

/// <summary>
/// One firing runs one attempt of one work item of a fan-out activity: claim the item, bind the
/// activity's inputs, run the item from its checkpoint with a heartbeating context, store its result,
/// and gather the activity when it was the last. A node's death mid-item hands the firing to another
/// node (Quartz cluster failover, <c>RequestRecovery</c>).
/// </summary>
[DisallowConcurrentExecution]
internal sealed class WorkItemJob(EngineRuntime runtime) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellation)
    {
        string instanceId = context.MergedJobDataMap.GetString(ActivityScheduler.InstanceKey)!;
        string activityId = context.MergedJobDataMap.GetString(ActivityScheduler.ActivityKey)!;
        int index = context.MergedJobDataMap.GetInt(ActivityScheduler.WorkItemKey);
        var scheduler = new ActivityScheduler(context.Scheduler);
        var (execution, instance) = await runtime.Store.ExecutionAsync(instanceId, activityId, CancellationToken.None);
        if (execution is null || instance is null) return;
        var item = await runtime.Items.BeginAsync(instanceId, activityId, index, context.Scheduler.SchedulerInstanceId, context.Recovering, CancellationToken.None);
        if (item is null)
        {
            // Already done (a duplicate or recovered firing): make sure the gathering it may have missed happens.
            if (await runtime.Items.AllDoneAsync(execution.Id, CancellationToken.None))
                await WorkItemFanOut.GatherAsync(runtime, scheduler, instanceId, activityId, runtime.Logger);
            return;
        }

        using var scope = new JobLogScope(runtime.Logger, instance, activityId, item.Attempt, index);
        var logger = scope.Logger;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var heartbeat = new HeartbeatWriter((progress, message) => runtime.Items.HeartbeatAsync(item.Id, item.Attempt, progress, message, CancellationToken.None),
            runtime.Options.MinHeartbeatInterval, runtime.Clock, attempt, logger);
        ActivityDescriptor? descriptor = null;
        try
        {
            var bound = await BoundActivity.CreateAsync(runtime, instance, activityId);
            descriptor = bound.Descriptor;
            using var slot = runtime.Slots.Take(descriptor.ExecutionGroup);
            string checkpointDirectory = runtime.Store.Paths.Resolve(execution.CheckpointDirectory);
            Directory.CreateDirectory(checkpointDirectory);
            var info = new ActivityExecutionInfo(instanceId, activityId, instance.DefinitionId, instance.DefinitionVersion, item.Attempt, context.Recovering, false);
            var activityContext = new ActivityContext(info, checkpointDirectory, heartbeat.WriteAsync, logger, attempt.Token);
            logger.Information("Work item {Index} {Label} attempt {Attempt} started on {Node}{How}", index, item.Label, item.Attempt, item.Node,
                context.Recovering ? " (recovering)" : "");

            JsonElement result;
            // An item may be silent for long (decoding a dataset, hashing a cache) without being stuck: while it
            // runs, its process heartbeats for it, so only the item of a dead or frozen node falls silent.
            await using (new RecurringChore("work item keep-alive", runtime.KeepAliveInterval, runtime.KeepAliveInterval, _ => heartbeat.WriteAsync(null), logger))
                result = await ((FanOutActivity)bound.Activity).RunWorkItemAsync(index, activityContext);

            var (applied, allDone) = await runtime.Items.CompleteAsync(item, JsonSerializer.Serialize(result, ValueJson.Options), CancellationToken.None);
            if (!applied)
            {
                logger.Warning("Work item {Index} finished after its attempt was superseded; result dropped", index);
                return;
            }
            logger.Information("Work item {Index} {Label} completed", index, item.Label);
            if (allDone) await WorkItemFanOut.GatherAsync(runtime, scheduler, instanceId, activityId, logger);
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested)
        {
            if (runtime.ShuttingDown && cancellation.IsCancellationRequested)
            {
                logger.Information("Work item {Index} stopped by shutdown; it is handed back for recovery", index);
                throw;
            }
            await runtime.Items.StopAsync(item, ExecutionStatus.Cancelled, "cancelled or stalled", CancellationToken.None);
            logger.Information("Work item {Index} stopped: cancelled or stalled", index);
        }
        catch (Exception e)
        {
            if (!await runtime.Items.StopAsync(item, ExecutionStatus.Faulted, e.Message, CancellationToken.None)) return;
            // The item's fault is its activity's: a retry re-queues the unfinished items, else the instance faults.
            var (current, _) = await runtime.Store.ExecutionAsync(instanceId, activityId, CancellationToken.None);
            if (current is not { Status: ExecutionStatus.Running }) return;
            bool retry = await runtime.Store.FailAsync(current.Id, current.Attempt, e, descriptor?.MaxAttempts ?? 1, CancellationToken.None);
            if (retry)
            {
                var delay = runtime.RetryDelay(current.Attempt);
                logger.Warning(e, "Work item {Index} failed; activity retries in {Delay}", index, delay);
                await scheduler.ScheduleAsync(instanceId, activityId, descriptor?.ExecutionGroup, delay, CancellationToken.None);
            }
            else
            {
                logger.Error(e, "Work item {Index} faulted its activity", index);
            }
        }
    }
}
