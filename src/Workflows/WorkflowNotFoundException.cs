namespace LossSearch.Workflows;

/// <summary>An unknown definition or instance id.</summary>
public sealed class WorkflowNotFoundException(string message) : Exception(message);
