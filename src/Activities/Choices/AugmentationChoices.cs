using LossSearch.Learning.Augment;

namespace LossSearch.Activities.Choices;

/// <summary>Augmentation techniques by name; a spec may add parameters, e.g. <c>cutout?size=8</c>.</summary>
public sealed class AugmentationChoices() : CatalogChoices(AugmentationCatalog.Techniques.Keys.ToList(), open: true)
{
    protected override string? CheckOther(string value)
    {
        AugmentationCatalog.Create(value);
        return null;
    }
}
