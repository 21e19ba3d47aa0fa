namespace LossSearch.Workflows.Persistence;

/// <summary>One run of one published definition version.</summary>
public sealed class InstanceRecord
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public int DefinitionVersion { get; set; }
    public string Name { get; set; } = "";
    public InstanceStatus Status { get; set; }
    public InstanceSubStatus SubStatus { get; set; }
    /// <summary>Input overrides given when triggered: <c>{"activity": {"input": value}}</c>.</summary>
    public string OverridesJson { get; set; } = "{}";
    public required string ArtifactsDirectory { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

public enum InstanceStatus { Running, Finished }

public enum InstanceSubStatus { Pending, Executing, Suspended, Stalled, Cancelled, Faulted, Finished }
