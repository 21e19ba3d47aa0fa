using LossSearch.Learning.Augment;
using LossSearch.Learning.Data;
using LossSearch.Learning.Runtime;
using LossSearch.Learning.Training;

namespace LossSearch.Learning.Search;

/// <summary>
/// One search end to end: checks the settings, opens the dataset with a validation split carved from
/// its training split (stratified, or its last images under the published protocol), computes the normalisation statistics, and runs regularized
/// evolution with the surrogate fitness in <paramref name="directory"/> (resuming what is there).
/// <paramref name="training"/> receives the progress of each candidate's training.
/// </summary>
public static class LossSearchRun
{
    public static async Task<SearchOutcome> RunAsync(
        SearchSettings settings, string directory, string device,
        IProgress<SearchProgress>? progress = null, Action<string>? warning = null, CancellationToken cancellation = default,
        IProgress<TrainingProgress>? training = null)
    {
        settings.Validate();
        AugmentationCatalog.Create(settings.Augmentation);
        var torchDevice = DeviceSelection.Resolve(device);
        using var data = DatasetCatalog.Open(settings.Dataset, new DatasetOptions { ValidationFraction = settings.ValidationFraction, ValidationFromEnd = settings.Switches.ValidationFromEnd, Device = torchDevice });
        var fitness = new SurrogateFitness(settings, data, device, InputNormalization.Of(data.Train), training);
        var search = new RegularizedEvolution(settings, fitness, directory);
        if (warning is not null) search.Warning += warning;
        return await search.RunAsync(progress, cancellation).ConfigureAwait(false);
    }
}
