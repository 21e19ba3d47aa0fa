using System.Reflection;
using System.Text.Json;

namespace LossSearch.Workflows.Activities;

/// <summary>What the designer's palette and property panel show for an activity type.</summary>
public sealed record ActivityDescriptor(
    string Type,
    string DisplayName,
    string Description,
    string Category,
    int MaxAttempts,
    IReadOnlyList<InputDescriptor> Inputs,
    IReadOnlyList<OutputDescriptor> Outputs)
{
    internal Type ClrType { get; init; } = typeof(Activity);

    /// <summary>The Quartz execution group of its jobs, or null for the default group.</summary>
    public string? ExecutionGroup { get; init; }

    public InputDescriptor? FindInput(string name) => Inputs.FirstOrDefault(i => i.Name == name);
    public OutputDescriptor? FindOutput(string name) => Outputs.FirstOrDefault(o => o.Name == name);
}

/// <summary>
/// One input: its name in definitions, its JSON type (<c>string</c>, <c>integer</c>, <c>number</c>,
/// <c>boolean</c>, <c>array</c>, <c>object</c>), the default a new instance of the activity has, whether a
/// definition must set it, and a UI hint.
/// </summary>
public sealed record InputDescriptor(string Name, string Type, JsonElement? Default, bool Required, string Description, string? UIHint)
{
    /// <summary>For an <c>array</c>, what its items are (<see cref="JsonTypeNames.ItemOf"/>); a reference must match it.</summary>
    public string? ItemType { get; init; }

    internal PropertyInfo Property { get; init; } = null!;
}

public sealed record OutputDescriptor(string Name, string Type, string Description)
{
    /// <summary>For an <c>array</c>, what its items are (<see cref="JsonTypeNames.ItemOf"/>).</summary>
    public string? ItemType { get; init; }

    internal PropertyInfo Property { get; init; } = null!;
}
