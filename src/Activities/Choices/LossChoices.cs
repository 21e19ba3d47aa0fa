using LossSearch.Learning.Losses;

namespace LossSearch.Activities.Choices;

/// <summary>The named losses; an expression in the loss language is valid too.</summary>
public sealed class LossChoices() : CatalogChoices(LossCatalog.Named.Keys.ToList(), open: true)
{
    protected override string? CheckOther(string value)
    {
        LossCatalog.Resolve(value);
        return null;
    }
}
