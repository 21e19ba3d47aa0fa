using System.Text.Json;
using System.Text.Json.Serialization;

namespace LossSearch.Workflows.Definitions;

/// <summary>A workflow definition in Elsa 3's shape: identity, version, publish state and a flowchart.</summary>
public sealed record WorkflowDefinition
{
    public required string DefinitionId { get; init; }
    public int Version { get; init; } = 1;
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public bool IsPublished { get; init; }
    public required Flowchart Root { get; init; }
}

public sealed record Flowchart
{
    public string Type { get; init; } = "Flowchart";
    public IReadOnlyList<ActivityNode> Activities { get; init; } = [];
    public IReadOnlyList<Connection> Connections { get; init; } = [];
}

/// <summary>
/// One activity of a flowchart. Each input is a JSON literal or a reference to an earlier activity's
/// output, written <c>{"from": "activityId", "output": "name"}</c>.
/// </summary>
public sealed record ActivityNode
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public Dictionary<string, JsonElement> Inputs { get; init; } = [];
    public ActivityNodeMetadata? Metadata { get; init; }
}

public sealed record ActivityNodeMetadata
{
    public DesignerMetadata? Designer { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record DesignerMetadata
{
    public DesignerPosition? Position { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record DesignerPosition(double X, double Y);

public sealed record Connection
{
    public required ConnectionEndpoint Source { get; init; }
    public required ConnectionEndpoint Target { get; init; }
}

public sealed record ConnectionEndpoint
{
    public required string Activity { get; init; }
    public string? Port { get; init; }
}
