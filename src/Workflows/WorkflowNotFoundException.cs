namespace LossSearch.Workflows;

/// <summary>An unknown definition or instance id.</summary>
public sealed class WorkflowNotFoundException(string message) : Exception(message);

/// <summary>A request the current state forbids (e.g. resuming a finished instance, running an unpublished definition).</summary>
public sealed class WorkflowConflictException(string message) : Exception(message);
