using System.Text.Json;
using LossSearch.Workflows.Activities;

namespace LossSearch.Host.Web;

/// <summary>An activity type as <c>GET /api/descriptors/activities</c> shows it (typed, so the OpenAPI document has its schema).</summary>
public sealed record ActivityDescriptorView(
    string Type, string DisplayName, string Description, string Category, int MaxAttempts, string? ExecutionGroup,
    IReadOnlyList<InputDescriptorView> Inputs, IReadOnlyList<OutputDescriptorView> Outputs)
{
    public static ActivityDescriptorView Of(ActivityDescriptor d) => new(d.Type, d.DisplayName, d.Description, d.Category, d.MaxAttempts, d.ExecutionGroup,
        d.Inputs.Select(InputDescriptorView.Of).ToList(), d.Outputs.Select(o => new OutputDescriptorView(o.Name, o.Type, o.Description)).ToList());
}

/// <summary>
/// One input. <c>choices</c>, <c>minimum</c> and <c>maximum</c> apply to the value, or to each item
/// when <c>type</c> is <c>array</c> (of <c>itemType</c>); <c>choicesOpen</c> says whether values of a
/// documented form outside <c>choices</c> are valid too.
/// </summary>
public sealed record InputDescriptorView(
    string Name, string Type, string? ItemType, JsonElement? Default, bool Required, string Description, string? UIHint,
    IReadOnlyList<string>? Choices, bool ChoicesOpen, double? Minimum, double? Maximum, bool ExclusiveMinimum, bool ExclusiveMaximum)
{
    public static InputDescriptorView Of(InputDescriptor i) => new(i.Name, i.Type, i.ItemType, i.Default, i.Required, i.Description, i.UIHint,
        i.Choices, i.ChoicesOpen, i.Minimum, i.Maximum, i.ExclusiveMinimum, i.ExclusiveMaximum);
}

public sealed record OutputDescriptorView(string Name, string Type, string Description);
