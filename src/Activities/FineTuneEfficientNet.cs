using LossSearch.Activities.Funnel;
using LossSearch.Learning;
using LossSearch.Learning.Models;
using LossSearch.Learning.Recipes;
using LossSearch.Learning.Training;
using LossSearch.Workflows.Activities;

namespace LossSearch.Activities;

/// <summary>
/// Fine-tunes ImageNet-pretrained EfficientNetV2-S on Cars, Flowers-102 and Caltech-101 under each
/// augmentation, step-based as its authors' recipe (<see cref="RecipeTable.FineTune"/>).
/// </summary>
[Activity(Category = "Funnel", DisplayName = "Fine-tune EfficientNet", ExecutionGroup = "gpu",
    Description = "Fine-tunes EfficientNetV2-S from a pretrained state dict for every loss × dataset × augmentation × seed (10,000 steps at batch 512, RMSprop 5e-4 after one epoch of warm-up measured on the training split, EMA 0.9996, wd 1e-5, label smoothing 0.1); resumes unfinished units.")]
public sealed class FineTuneEfficientNet : TrainingGridActivity
{
    private static readonly FineTuneRecipe Recipe = RecipeTable.FineTune;

    public FineTuneEfficientNet()
    {
        Datasets = ["cars:data/stanford-cars", "flowers102:data/flowers-102", "caltech101:data/caltech101"];
        Batch = Recipe.BatchSize;
        LearningRate = Recipe.LearningRate;
        WeightDecay = Recipe.WeightDecay;
        LabelSmoothing = Recipe.LabelSmoothing;
        ImageSize = Recipe.ImageSize;
    }

    [Input(Description = "ImageNet weights of EfficientNetV2-S (.pth state dict or safetensors, torchvision keys). Without it, training starts from random weights.", Kind = InputKind.Path)]
    public string PretrainedWeights { get; set; } = "";

    [Input(Description = "Training steps per run (the authors: at least 10,000).", Minimum = 1)]
    public int Steps { get; set; } = Recipe.Steps;

    [Input(Description = "Steps between evaluations of the validation split; the last interval ends at the last step.", Minimum = 1)]
    public int StepsPerEvaluation { get; set; } = Recipe.StepsPerEvaluation;

    [Input(Description = "Warm-up before the constant learning rate, in passes over the training split as carved (the authors: one epoch).", Minimum = 0)]
    public double WarmupEpochs { get; set; } = Recipe.WarmupEpochs;

    [Input(Description = "Decay of the weights' exponential moving average; 0 disables it.", Minimum = 0, Maximum = 1, ExclusiveMaximum = true)]
    public double Ema { get; set; } = Recipe.Ema;

    protected override void Preflight(ActivityContext context)
    {
        if (string.IsNullOrWhiteSpace(PretrainedWeights))
            context.Logger.Warning("NO PRETRAINED WEIGHTS: EfficientNetV2-S starts from RANDOM weights; results are not fine-tuning results. Set the pretrainedWeights input.");
        else if (!File.Exists(PretrainedWeights))
            throw new InvalidInputException($"pretrainedWeights: '{PretrainedWeights}' does not exist.");
    }

    /// <summary>
    /// The run's length: whole evaluation intervals covering <see cref="Steps"/>, so the run trains
    /// <see cref="Steps"/> rounded up to a multiple of <see cref="StepsPerEvaluation"/>.
    /// </summary>
    public (int Evaluations, int StepsPerEvaluation) Length() =>
        (FineTuneRecipe.Evaluations(Steps, StepsPerEvaluation), StepsPerEvaluation);

    protected override TrainingJob JobFor(GridUnit unit)
    {
        var (mean, std) = ModelCatalog.InputNormalization("efficientnetv2-s")!.Value;
        var (evaluations, interval) = Length();
        var run = Run(unit, evaluations, interval,
            new OptimizerSettings(OptimizerKind.RmsProp, LearningRate, Momentum: Recipe.Momentum, WeightDecay: WeightDecay, Epsilon: Recipe.Epsilon),
            new ScheduleSettings(ScheduleKind.WarmupConstant, WarmupEpochs: WarmupEpochs), Ema > 0 ? Ema : null) with { Normalization = new InputNormalization(mean, std) };
        return new TrainingJob("efficientnetv2-s", unit.Augmentation, unit.Loss, run)
        {
            PretrainedWeights = string.IsNullOrWhiteSpace(PretrainedWeights) ? null : PretrainedWeights,
        };
    }
}
