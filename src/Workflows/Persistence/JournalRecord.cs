namespace LossSearch.Workflows.Persistence;

/// <summary>One state change of an instance or of one of its activities, in order.</summary>
public sealed class JournalRecord
{
    public long Id { get; set; }
    public required string InstanceId { get; set; }
    public string? ActivityId { get; set; }
    public required string Event { get; set; }
    public int? Attempt { get; set; }
    public string? Detail { get; set; }
    public DateTimeOffset At { get; set; }
}
