using LossSearch.Learning.Models;

namespace LossSearch.Activities.Choices;

/// <summary>Architectures a surrogate may have; <c>wrn-D-K</c> (e.g. <c>wrn-16-2</c>) is valid too.</summary>
public sealed class SurrogateChoices() : CatalogChoices(ModelCatalog.FixedNames, open: true)
{
    protected override string? CheckOther(string value) =>
        ModelCatalog.IsKnown(value) ? null : $"'{value}' is not a known architecture ({string.Join(", ", ModelCatalog.Names)}; WRN depth 6n + 4)";
}
