namespace LossSearch.Workflows.Persistence;

/// <summary>The store exists on paper but cannot be reached or opened (server down, wrong password, no such database).</summary>
public sealed class StoreUnavailableException(string message, Exception inner) : Exception(message, inner);
