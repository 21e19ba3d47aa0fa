using Quartz;

namespace LossSearch.Workflows.Runtime;

/// <summary>
/// Queues activity executions as Quartz jobs in the persistent store. One job key per instance and
/// activity, concurrent execution disallowed, recovery requested: a crashed process's firing runs
/// again with <c>Recovering</c> on the next start.
/// </summary>
internal sealed class ActivityScheduler(IScheduler scheduler)
{
    public const string JobGroup = "activities";
    public const string InstanceKey = "instanceId";
    public const string ActivityKey = "activityId";
    public const string WorkItemGroup = "work-items";
    public const string WorkItemKey = "workItem";

    public static JobKey JobKeyOf(string instanceId, string activityId) => new($"{instanceId}/{activityId}", JobGroup);

    public async Task ScheduleAsync(string instanceId, string activityId, string? executionGroup, TimeSpan delay = default, CancellationToken cancellation = default)
    {
        var jobKey = JobKeyOf(instanceId, activityId);
        var job = JobBuilder.Create<ActivityJob>()
            .WithIdentity(jobKey)
            .UsingJobData(InstanceKey, instanceId)
            .UsingJobData(ActivityKey, activityId)
            .RequestRecovery()
            .StoreDurably(false)
            .Build();
        var builder = TriggerBuilder.Create()
            .WithIdentity($"{instanceId}/{activityId}/{Guid.NewGuid():N}", JobGroup)
            .ForJob(jobKey)
            .StartAt(DateTimeOffset.UtcNow + delay);
        if (executionGroup is not null) builder = builder.WithExecutionGroup(executionGroup);
        var trigger = builder.Build();
        // Replace keeps the job detail in step and adds the (uniquely keyed) trigger, racing schedulers included.
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, cancellation);
    }

    public static JobKey WorkItemKeyOf(string instanceId, string activityId, int index) => new($"{instanceId}/{activityId}#{index}", WorkItemGroup);

    /// <summary>Queues one work item of a fan-out activity: its own durable job in the activity's execution group.</summary>
    public async Task ScheduleWorkItemAsync(string instanceId, string activityId, int index, string? executionGroup, CancellationToken cancellation = default)
    {
        var jobKey = WorkItemKeyOf(instanceId, activityId, index);
        var job = JobBuilder.Create<WorkItemJob>()
            .WithIdentity(jobKey)
            .UsingJobData(InstanceKey, instanceId)
            .UsingJobData(ActivityKey, activityId)
            .UsingJobData(WorkItemKey, index)
            .RequestRecovery()
            .StoreDurably(false)
            .Build();
        var builder = TriggerBuilder.Create().WithIdentity($"{instanceId}/{activityId}#{index}/{Guid.NewGuid():N}", WorkItemGroup).ForJob(jobKey).StartNow();
        if (executionGroup is not null) builder = builder.WithExecutionGroup(executionGroup);
        await scheduler.ScheduleJob(job, [builder.Build()], new ScheduleJobOptions { Replace = true }, cancellation);
    }

    /// <summary>Cancels the token of a running firing of this work item in this process, if any.</summary>
    public async Task InterruptWorkItemAsync(string instanceId, string activityId, int index, CancellationToken cancellation = default) =>
        await scheduler.Interrupt(WorkItemKeyOf(instanceId, activityId, index), cancellation);

    /// <summary>Whether a firing for this activity is queued or running.</summary>
    public async Task<bool> IsQueuedAsync(string instanceId, string activityId, CancellationToken cancellation) =>
        await scheduler.Exists(JobKeyOf(instanceId, activityId), cancellation);

    /// <summary>Cancels the token of a running firing of this activity in this process, if any.</summary>
    public async Task InterruptAsync(string instanceId, string activityId, CancellationToken cancellation = default) =>
        await scheduler.Interrupt(JobKeyOf(instanceId, activityId), cancellation);
}
