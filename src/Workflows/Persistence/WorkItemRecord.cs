namespace LossSearch.Workflows.Persistence;

/// <summary>
/// One work item of a fan-out activity's execution (unique per execution and index): its own Quartz
/// job, its own attempts, heartbeat and result. The execution completes when all its items have.
/// </summary>
public sealed class WorkItemRecord
{
    public long Id { get; set; }
    public long ExecutionId { get; set; }
    public required string InstanceId { get; set; }
    public required string ActivityId { get; set; }
    /// <summary>Position in the activity's fixed order; results are gathered by it.</summary>
    public int Index { get; set; }
    public required string Label { get; set; }
    public ExecutionStatus Status { get; set; }
    public int Attempt { get; set; }
    public double Progress { get; set; }
    public string? ProgressMessage { get; set; }
    public DateTimeOffset? LastHeartbeat { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? ResultJson { get; set; }
    /// <summary>The Quartz instance id of the node that ran the latest attempt.</summary>
    public string? Node { get; set; }
}
