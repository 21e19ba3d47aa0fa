namespace LossSearch.Workflows.Activities;

/// <summary>
/// Marks an <see cref="Activity"/> class for discovery and describes it to the designer. The type name
/// in definitions is <see cref="Type"/>, or the class name when that is not set.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute : Attribute
{
    public string? Type { get; init; }
    public string? DisplayName { get; init; }
    public string Description { get; init; } = "";
    public string Category { get; init; } = "General";

    /// <summary>
    /// The Quartz execution group its jobs run in (e.g. <c>gpu</c>); the engine's
    /// <see cref="WorkflowEngineOptions.ExecutionGroupLimits"/> caps how many run at once per process.
    /// </summary>
    public string? ExecutionGroup { get; init; }

    /// <summary>Attempts in all (1 = no retry). Failed attempts before the last are retried with exponential back-off.</summary>
    public int MaxAttempts { get; init; } = 1;
}
