namespace LossSearch.Workflows;

/// <summary>A request the current state forbids (e.g. resuming a finished instance, running an unpublished definition).</summary>
public sealed class WorkflowConflictException(string message) : Exception(message);
