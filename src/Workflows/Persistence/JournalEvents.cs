namespace LossSearch.Workflows.Persistence;

/// <summary>The journal's event names.</summary>
public static class JournalEvents
{
    public const string InstanceCreated = "InstanceCreated";
    public const string InstanceFinished = "InstanceFinished";
    public const string InstanceFaulted = "InstanceFaulted";
    public const string InstanceResumed = "InstanceResumed";
    public const string InstanceCancelled = "InstanceCancelled";
    public const string ActivityScheduled = "ActivityScheduled";
    public const string ActivityStarted = "ActivityStarted";
    public const string ActivityRecovered = "ActivityRecovered";
    public const string ActivityCompleted = "ActivityCompleted";
    public const string ActivityFaulted = "ActivityFaulted";
    public const string ActivityRetryScheduled = "ActivityRetryScheduled";
    public const string ActivityStalled = "ActivityStalled";
    public const string ActivityCancelled = "ActivityCancelled";
    public const string ActivitySkipped = "ActivitySkipped";
    /// <summary>The dispatcher queued a Pending execution that had nothing queued.</summary>
    public const string ActivityRequeued = "ActivityRequeued";
    public const string WorkItemsQueued = "WorkItemsQueued";
    public const string WorkItemStarted = "WorkItemStarted";
    public const string WorkItemRecovered = "WorkItemRecovered";
    public const string WorkItemCompleted = "WorkItemCompleted";
    public const string WorkItemFaulted = "WorkItemFaulted";
    public const string WorkItemCancelled = "WorkItemCancelled";
}
