namespace LossSearch.Workflows.Logging;

/// <summary>Names of the structured-log properties the engine pushes into the log context.</summary>
public static class WorkflowLogProperties
{
    public const string InstanceId = "InstanceId";
    public const string ActivityId = "ActivityId";
    public const string DefinitionId = "DefinitionId";
    public const string DefinitionVersion = "DefinitionVersion";
    public const string Attempt = "Attempt";
    public const string WorkItem = "WorkItem";
}
