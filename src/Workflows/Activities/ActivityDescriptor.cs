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
/// definition must set it, and a UI hint. The rules a value must follow (checked by
/// <see cref="InputRules"/>) apply to the value itself, or to each item when the input is a list.
/// </summary>
public sealed record InputDescriptor(string Name, string Type, JsonElement? Default, bool Required, string Description, string? UIHint)
{
    internal PropertyInfo Property { get; init; } = null!;

    /// <summary>The JSON type of a list's items; null unless <see cref="Type"/> is <c>array</c>.</summary>
    public string? ItemType { get; init; }

    /// <summary>The .NET type's short name (<c>List&lt;LossScore&gt;</c>): a designer offers only outputs of this value type.</summary>
    public string ValueType { get; init; } = "";

    /// <summary>The values the designer offers; null when the input has no choice list.</summary>
    public IReadOnlyList<string>? Choices => ChoiceRule?.Values;
    /// <summary>Whether values of a documented form outside <see cref="Choices"/> are valid too.</summary>
    public bool ChoicesOpen => ChoiceRule?.Open ?? false;
    internal IInputChoices? ChoiceRule { get; init; }

    public double? Minimum { get; init; }
    public double? Maximum { get; init; }
    public bool ExclusiveMinimum { get; init; }
    public bool ExclusiveMaximum { get; init; }

    /// <summary>What the value names; see <see cref="InputKind"/>.</summary>
    public InputKind Kind { get; init; }
}

public sealed record OutputDescriptor(string Name, string Type, string Description)
{
    internal PropertyInfo Property { get; init; } = null!;

    /// <summary>The JSON type of a list's items; null unless <see cref="Type"/> is <c>array</c>.</summary>
    public string? ItemType { get; init; }

    /// <summary>The .NET type's short name, as <see cref="InputDescriptor.ValueType"/>.</summary>
    public string ValueType { get; init; } = "";
}
