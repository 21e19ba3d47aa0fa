using System.Text.Json;
using LossSearch.Workflows.Activities;
using LossSearch.Workflows.Persistence;
using Serilog;

namespace LossSearch.Workflows.Runtime;

/// <summary>
/// The two ends of a fan-out: queueing an execution's unfinished work items as Quartz jobs, and,
/// once the last one is done, gathering their results (in index order) into the activity's outputs.
/// </summary>
internal static class WorkItemFanOut
{
    public static async Task QueueAsync(EngineRuntime runtime, ActivityScheduler scheduler, FanOutActivity activity, ActivityContext context,
        ActivityExecutionRecord execution, string? executionGroup, ILogger logger)
    {
        activity.Validate(context);
        var labels = activity.WorkItems();
        var unfinished = await runtime.Items.PrepareAsync(execution.Id, execution.InstanceId, execution.ActivityId, labels, CancellationToken.None);
        logger.Information("Activity fanned out: {Queued} of {Total} work items queued", unfinished.Count, labels.Count);
        if (unfinished.Count == 0)
        {
            // Every item finished before a crash cut off the gathering: gather now.
            await GatherAsync(runtime, scheduler, execution.InstanceId, execution.ActivityId, logger);
            return;
        }
        foreach (int index in unfinished)
            await scheduler.ScheduleWorkItemAsync(execution.InstanceId, execution.ActivityId, index, executionGroup, CancellationToken.None);
    }

    /// <summary>Completes the execution from its items' results; a no-op when another node already did, or it no longer runs.</summary>
    public static async Task GatherAsync(EngineRuntime runtime, ActivityScheduler scheduler, string instanceId, string activityId, ILogger logger)
    {
        var (execution, instance) = await runtime.Store.ExecutionAsync(instanceId, activityId, CancellationToken.None);
        if (execution is not { Status: ExecutionStatus.Running } || instance is null) return;
        BoundActivity bound;
        CompletionResult? completion;
        int gathered;
        try
        {
            bound = await BoundActivity.CreateAsync(runtime, instance, activityId);
            var fanOut = (FanOutActivity)bound.Activity;
            var results = (await runtime.Items.ResultsAsync(execution.Id, CancellationToken.None)).Select(json => JsonDocument.Parse(json).RootElement.Clone()).ToList();
            fanOut.Gather(results);
            gathered = results.Count;
            completion = await runtime.Store.CompleteAsync(execution.Id, execution.Attempt, InputBinder.CollectOutputs(fanOut, bound.Descriptor), bound.Definition, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.Error(e, "Gathering the work items of {ActivityType} failed", execution.ActivityType);
            await runtime.Store.FailAsync(execution.Id, execution.Attempt, e, 1, CancellationToken.None);
            return;
        }
        if (completion is null) return;
        logger.Information("Activity {ActivityType} completed: {Count} work items gathered", execution.ActivityType, gathered);
        await SuccessorQueue.QueueAsync(runtime, scheduler, instanceId, bound.Definition, completion.Ready, logger);
    }
}
