namespace LossSearch.Learning.Search;

/// <summary>The names workflow inputs and the CLI give the Select Top-K rules.</summary>
public static class SelectionRuleNames
{
    public static readonly IReadOnlyDictionary<string, SelectionRule> ByName = new Dictionary<string, SelectionRule>(StringComparer.Ordinal)
    {
        ["per-augmentation"] = SelectionRule.PerAugmentation,
        ["overall"] = SelectionRule.Overall,
        ["beats-baseline"] = SelectionRule.BeatsBaseline,
    };

    public static SelectionRule Parse(string name) =>
        ByName.TryGetValue(name.Trim().ToLowerInvariant(), out var rule) ? rule
            : throw new InvalidInputException($"rule: '{name}' is not {string.Join(", ", ByName.Keys)}");
}
