namespace LossSearch.Workflows.Logging;

/// <summary>Names of the structured-log properties the engine pushes into the log context.</summary>
public static class WorkflowLogProperties
{
    public const string InstanceId = "InstanceId";
    public const string ActivityId = "ActivityId";
}
