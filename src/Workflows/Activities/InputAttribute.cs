namespace LossSearch.Workflows.Activities;

/// <summary>Declares a settable public property as an activity input.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class InputAttribute : Attribute
{
    /// <summary>The input's name in definitions; camelCase of the property name when not set.</summary>
    public string? Name { get; init; }
    public string Description { get; init; } = "";
    /// <summary>Required inputs have no default: a definition must give them a literal or a reference.</summary>
    public bool Required { get; init; }
    /// <summary>A hint for the designer's property panel, e.g. <c>multiline</c>, <c>dropdown</c>, <c>json</c>.</summary>
    public string? UIHint { get; init; }
}
