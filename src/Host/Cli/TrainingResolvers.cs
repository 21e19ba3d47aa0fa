using LossSearch.Host.Cli.Interim;
using LossSearch.Learning;
using LossSearch.Learning.Augment;
using LossSearch.Learning.Data;
using LossSearch.Learning.Losses;

namespace LossSearch.Host.Cli;

/// <summary>
/// How <c>bench train</c> turns names into data, augmentations and losses. The defaults are interim
/// (Fashion-MNIST only, <c>none</c>, <c>cross-entropy</c>); <c>train</c> already uses the data, augmentation
/// and loss catalogs through <c>TrainingJob</c>, and this goes once <c>bench train</c> does too.
/// </summary>
public sealed record TrainingResolvers(
    Func<string, DatasetSplits> Dataset,
    Func<string, IBatchAugmentation> Augmentation,
    Func<string, LossFunction> Loss)
{
    public static TrainingResolvers Default { get; } = new(ResolveDataset, ResolveAugmentation, ResolveLoss);

    private static DatasetSplits ResolveDataset(string spec)
    {
        int colon = spec.IndexOf(':');
        var format = colon < 0 ? spec : spec[..colon];
        var path = colon < 0 ? "" : spec[(colon + 1)..];
        return format switch
        {
            "fashion-mnist" when path.Length > 0 => FashionMnistFiles.Load(path),
            _ => throw new InvalidInputException(
                $"--dataset: '{spec}' is not available in this build; use fashion-mnist:FOLDER (the other formats arrive with the data catalog)."),
        };
    }

    private static IBatchAugmentation ResolveAugmentation(string name) => name switch
    {
        "none" => new PlainAugmentation(),
        _ => throw new InvalidInputException($"--augment: '{name}' is not available in this build; use none (the techniques arrive with the augmentation catalog)."),
    };

    private static LossFunction ResolveLoss(string expression) => expression.Trim() switch
    {
        "cross-entropy" => InterimLosses.CrossEntropy,
        _ => throw new InvalidInputException($"--loss: '{expression}' is not available in this build; use cross-entropy (expressions arrive with the loss language)."),
    };
}
