namespace LossSearch.Workflows.Activities;

/// <summary>Declares a public property as an activity output, stored as JSON once the activity completes.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OutputAttribute : Attribute
{
    public string? Name { get; init; }
    public string Description { get; init; } = "";
}
