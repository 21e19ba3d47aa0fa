using LossSearch.Learning.Augment;
using LossSearch.Learning.Data;
using LossSearch.Learning.Losses;
using LossSearch.Learning.Models;
using static TorchSharp.torch;

namespace LossSearch.Learning.Training;

/// <summary>
/// One training run described by names: architecture, augmentation spec, loss (name or expression),
/// the run's settings and optional pretrained weights. It is how the search's fitness and the funnel's
/// grids train, so every stage composes model, augmentation and loss the same way.
/// </summary>
public sealed record TrainingJob(string Model, string Augmentation, string Loss, TrainingRun Run)
{
    /// <summary>
    /// A PyTorch <c>.pth</c> or safetensors state dict with a head of <see cref="PretrainedClasses"/> classes
    /// (ImageNet's 1000 by default); the head is replaced when the data has another class count.
    /// </summary>
    public string? PretrainedWeights { get; init; }
    public int PretrainedClasses { get; init; } = 1000;
    public double Dropout { get; init; }
    /// <summary>Where the final weights go (a <c>.pth</c> state dict) when the run completes or is gated out; null keeps none.</summary>
    public string? WeightsOutput { get; init; }

    private static readonly Lock ModelCreation = new();

    /// <summary>Checks the names before any data is read or any training starts.</summary>
    public void Validate()
    {
        Run.Validate();
        LossCatalog.Resolve(Loss);
        AugmentationCatalog.Create(Augmentation);
        if (PretrainedWeights is not null && !File.Exists(PretrainedWeights))
            throw new InvalidInputException($"pretrainedWeights: '{PretrainedWeights}' does not exist.");
    }

    /// <summary>
    /// Trains on <paramref name="data"/>, checkpointing into <paramref name="checkpointDirectory"/> and
    /// resuming from it when it holds this run already.
    /// </summary>
    public TrainingResult Execute(DatasetSplits data, string checkpointDirectory, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default) =>
        Execute(data, new TrainingCheckpoints(checkpointDirectory, resume: true), progress, cancellation);

    /// <summary>
    /// Trains on <paramref name="data"/> with the given checkpoint folder (which refuses a folder
    /// holding checkpoints unless it resumes); a completed or gated-out run leaves its weights in
    /// <see cref="WeightsOutput"/> when that is set.
    /// </summary>
    public TrainingResult Execute(DatasetSplits data, TrainingCheckpoints checkpoints, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var loss = LossCompiler.Compile(LossCatalog.Resolve(Loss));
        var augmentation = AugmentationCatalog.Create(Augmentation);
        using var model = CreateModel(data.Train.Classes.Count, data.Train.Channels);
        var run = Run with
        {
            JobIdentity = new Dictionary<string, string>
            {
                ["model"] = Model.Trim().ToLowerInvariant(),
                ["augmentation"] = Augmentation.Trim(),
                ["loss"] = LossCatalog.Resolve(Loss).ToString(),
                ["dropout"] = Dropout.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                ["pretrainedWeights"] = PretrainedWeights ?? "none",
            },
        };
        var result = Trainer.Run(run, data, augmentation, loss, model, checkpoints, progress, cancellation);
        if (WeightsOutput is not null && result.Status is TrainingStatus.Completed or TrainingStatus.GatedOut)
            StateDictFiles.Save(model, WeightsOutput);
        return result;
    }

    /// <summary>
    /// The initial weights are drawn from libtorch's global generator, which parallel runs share:
    /// seeding and drawing happen under one lock so each run's initial weights depend on its seed only.
    /// </summary>
    private nn.Module<Tensor, Tensor> CreateModel(int classes, int channels)
    {
        lock (ModelCreation)
        {
            TorchSharp.torch.manual_seed(Run.Seed);
            if (PretrainedWeights is null)
                return ModelCatalog.Create(Model, classes, channels, Dropout);
            var model = ModelCatalog.Create(Model, PretrainedClasses, channels, Dropout);
            StateDictFiles.LoadStrict(model, PretrainedWeights);
            if (PretrainedClasses == classes) return model; // same head: keep what was learnt
            if (model is not IHasClassifier head)
                throw new InvalidInputException($"model: {Model} cannot replace its classifier for fine-tuning.");
            head.ReplaceClassifier(classes);
            return model;
        }
    }
}
