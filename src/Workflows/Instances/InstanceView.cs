using System.Text.Json;

namespace LossSearch.Workflows.Instances;

/// <summary>An instance as the REST API and the CLI show it.</summary>
public sealed record InstanceView(
    string Id,
    string DefinitionId,
    int DefinitionVersion,
    string Name,
    string Status,
    string SubStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    string Artifacts,
    IReadOnlyList<ActivityExecutionView> Activities,
    IReadOnlyList<IncidentView> Incidents,
    IReadOnlyList<JournalEntryView> Journal);

/// <summary>One activity of an instance; <c>Waiting</c> until it becomes ready.</summary>
public sealed record ActivityExecutionView(
    string ActivityId,
    string Type,
    string Status,
    int Attempt,
    double Progress,
    string? ProgressMessage,
    DateTimeOffset? LastHeartbeat,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    JsonElement? Outputs,
    string Checkpoint);

public sealed record IncidentView(string ActivityId, int Attempt, string ExceptionType, string Message, DateTimeOffset At)
{
    public string? StackTrace { get; init; }
}

public sealed record JournalEntryView(DateTimeOffset At, string Event, string? ActivityId, int? Attempt, string? Detail);

public sealed record InstanceSummary(string Id, string DefinitionId, int DefinitionVersion, string Name, string Status, string SubStatus,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt)
{
    /// <summary>How many activities the instance's definition version has.</summary>
    public required int Activities { get; init; }
    /// <summary>Completed activities count 1, running ones their reported fraction; divided by <see cref="Activities"/>.</summary>
    public required double Progress { get; init; }
    /// <summary>Incidents recorded so far.</summary>
    public required int Incidents { get; init; }
}
