namespace LossSearch.Activities.Choices;

/// <summary>The search protocols (<see cref="LossSearch.Learning.Search.SearchProtocol"/>).</summary>
public sealed class ProtocolChoices() : CatalogChoices(["published", "ours"], open: false);
