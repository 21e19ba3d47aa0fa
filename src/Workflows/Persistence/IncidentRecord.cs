namespace LossSearch.Workflows.Persistence;

/// <summary>A fault: which activity, which attempt, the exception and when.</summary>
public sealed class IncidentRecord
{
    public long Id { get; set; }
    public required string InstanceId { get; set; }
    public required string ActivityId { get; set; }
    public int Attempt { get; set; }
    public required string ExceptionType { get; set; }
    public required string Message { get; set; }
    public string? StackTrace { get; set; }
    public DateTimeOffset At { get; set; }
}
