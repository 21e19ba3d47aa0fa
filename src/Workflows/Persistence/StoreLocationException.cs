namespace LossSearch.Workflows.Persistence;

/// <summary>A store setting that cannot be used; its message names the store.</summary>
public sealed class StoreLocationException(string message) : ArgumentException(message);
