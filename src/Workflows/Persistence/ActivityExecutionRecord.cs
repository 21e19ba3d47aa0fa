namespace LossSearch.Workflows.Persistence;

/// <summary>
/// The one execution row of an activity in an instance (unique per instance and activity). Attempts,
/// recoveries and resumes reuse it; <see cref="Attempt"/> fences a superseded attempt's late writes.
/// </summary>
public sealed class ActivityExecutionRecord
{
    public long Id { get; set; }
    public required string InstanceId { get; set; }
    public required string ActivityId { get; set; }
    public required string ActivityType { get; set; }
    public ExecutionStatus Status { get; set; }
    public int Attempt { get; set; }
    public double Progress { get; set; }
    public string? ProgressMessage { get; set; }
    public DateTimeOffset? LastHeartbeat { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? OutputsJson { get; set; }
    public required string CheckpointDirectory { get; set; }
    /// <summary>Set by resume; the next attempt tells its activity it is resuming.</summary>
    public bool ResumeRequested { get; set; }
}

public enum ExecutionStatus { Pending, Running, Completed, Faulted, Stalled, Cancelled, Suspended }
