using LossSearch.Learning.Search;

namespace LossSearch.Activities.Choices;

/// <summary>The Select Top-K rules.</summary>
public sealed class SelectionRuleChoices() : CatalogChoices(SelectionRuleNames.ByName.Keys.ToList(), open: false);
