using LossSearch.Workflows.Activities;
using Quartz;
using Serilog;

namespace LossSearch.Workflows.Runtime;

/// <summary>
/// One firing runs one attempt of one activity: claim the execution, bind inputs, execute with a
/// heartbeating context, store outputs and queue the activities that became ready.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class ActivityJob(EngineRuntime runtime) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellation)
    {
        string instanceId = context.MergedJobDataMap.GetString(ActivityScheduler.InstanceKey)!;
        string activityId = context.MergedJobDataMap.GetString(ActivityScheduler.ActivityKey)!;
        var claim = await runtime.Store.BeginAttemptAsync(instanceId, activityId, context.Recovering, CancellationToken.None);
        if (claim is null) return;
        var (execution, instance, resuming) = claim;

        string type = execution.ActivityType;
        ActivityDescriptor? descriptor = null;
        var scheduler = new ActivityScheduler(context.Scheduler);

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var scope = new JobLogScope(runtime.Logger, instance, activityId, execution.Attempt);
        var logger = scope.Logger;
        var heartbeat = new HeartbeatWriter((progress, message) => runtime.Store.HeartbeatAsync(execution.Id, execution.Attempt, progress, message, CancellationToken.None),
            runtime.Options.MinHeartbeatInterval, runtime.Clock, attempt, logger);

        try
        {
            // Inside the try: a definition or activity type this process cannot resolve faults the activity with an incident.
            var bound = await BoundActivity.CreateAsync(runtime, instance, activityId);
            var (definition, activity) = (bound.Definition, bound.Activity);
            descriptor = bound.Descriptor;
            string checkpointDirectory = runtime.Store.Paths.Resolve(execution.CheckpointDirectory);
            Directory.CreateDirectory(checkpointDirectory);
            var info = new ActivityExecutionInfo(instanceId, activityId, instance.DefinitionId, instance.DefinitionVersion, execution.Attempt, context.Recovering, resuming);
            var activityContext = new ActivityContext(info, checkpointDirectory, heartbeat.WriteAsync, logger, attempt.Token);
            logger.Information("Activity {ActivityType} attempt {Attempt} started{How}", type, execution.Attempt,
                context.Recovering ? " (recovering)" : resuming ? " (resuming)" : "");

            if (activity is FanOutActivity fanOut)
            {
                await WorkItemFanOut.QueueAsync(runtime, scheduler, fanOut, activityContext, execution, descriptor.ExecutionGroup, logger);
                return;
            }

            await activity.ExecuteAsync(activityContext);

            var result = await runtime.Store.CompleteAsync(execution.Id, execution.Attempt, InputBinder.CollectOutputs(activity, descriptor), definition, CancellationToken.None);
            if (result is null)
            {
                logger.Warning("Activity {ActivityType} finished after its attempt was superseded; result dropped", type);
                return;
            }
            logger.Information("Activity {ActivityType} completed", type);
            await SuccessorQueue.QueueAsync(runtime, scheduler, instanceId, definition, result.Ready, logger);
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested)
        {
            if (runtime.ShuttingDown && cancellation.IsCancellationRequested)
            {
                logger.Information("Activity {ActivityType} stopped by shutdown; it is handed back for recovery", type);
                throw;
            }
            await runtime.Store.MarkCancelledAsync(execution.Id, execution.Attempt, CancellationToken.None);
            logger.Information("Activity {ActivityType} stopped: cancelled or stalled", type);
        }
        catch (Exception e)
        {
            bool retry = await runtime.Store.FailAsync(execution.Id, execution.Attempt, e, descriptor?.MaxAttempts ?? 1, CancellationToken.None);
            if (retry)
            {
                var delay = runtime.RetryDelay(execution.Attempt);
                logger.Warning(e, "Activity {ActivityType} attempt {Attempt} failed; retrying in {Delay}", type, execution.Attempt, delay);
                await scheduler.ScheduleAsync(instanceId, activityId, descriptor?.ExecutionGroup, delay, CancellationToken.None);
            }
            else
            {
                logger.Error(e, "Activity {ActivityType} faulted", type);
            }
        }
    }
}
