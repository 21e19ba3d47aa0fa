using LossSearch.Activities.Funnel;
using LossSearch.Learning;
using LossSearch.Learning.Models;
using LossSearch.Learning.Training;
using LossSearch.Workflows.Activities;

namespace LossSearch.Activities;

/// <summary>Fine-tunes ImageNet-pretrained EfficientNetV2-S on Cars, Flowers-102 and Caltech-101 under each augmentation.</summary>
[Activity(Category = "Funnel", DisplayName = "Fine-tune EfficientNet", ExecutionGroup = "gpu",
    Description = "Fine-tunes EfficientNetV2-S from a pretrained state dict for every loss × dataset × augmentation × seed (RMSprop 5e-4 after one epoch of warm-up, EMA 0.9996, wd 1e-5, label smoothing 0.1); resumes unfinished units.")]
public sealed class FineTuneEfficientNet : TrainingGridActivity
{
    public FineTuneEfficientNet()
    {
        Datasets = ["cars:data/stanford-cars", "flowers102:data/flowers-102", "caltech101:data/caltech101"];
        Epochs = 40;
        Batch = 512;
        LearningRate = 5e-4;
        WeightDecay = 1e-5;
        LabelSmoothing = 0.1;
        ImageSize = 384;
    }

    [Input(Description = "ImageNet weights of EfficientNetV2-S (.pth state dict or safetensors, torchvision keys). Without it, training starts from random weights.")]
    public string PretrainedWeights { get; set; } = "";

    [Input(Description = "Warm-up steps before the constant learning rate (the authors: one epoch).", Minimum = 0)]
    public int WarmupSteps { get; set; } = 100;

    [Input(Description = "Decay of the weights' exponential moving average; 0 disables it.", Minimum = 0, Maximum = 1, ExclusiveMaximum = true)]
    public double Ema { get; set; } = 0.9996;

    protected override void Preflight(ActivityContext context)
    {
        if (string.IsNullOrWhiteSpace(PretrainedWeights))
            context.Logger.Warning("NO PRETRAINED WEIGHTS: EfficientNetV2-S starts from RANDOM weights; results are not fine-tuning results. Set the pretrainedWeights input.");
        else if (!File.Exists(PretrainedWeights))
            throw new InvalidInputException($"pretrainedWeights: '{PretrainedWeights}' does not exist.");
    }

    protected override TrainingJob JobFor(GridUnit unit)
    {
        var (mean, std) = ModelCatalog.InputNormalization("efficientnetv2-s")!.Value;
        var run = Run(unit, new OptimizerSettings(OptimizerKind.RmsProp, LearningRate, Momentum: 0.9, WeightDecay: WeightDecay, Epsilon: 1e-3),
            new ScheduleSettings(ScheduleKind.WarmupConstant, WarmupSteps), Ema > 0 ? Ema : null) with { Normalization = new InputNormalization(mean, std) };
        return new TrainingJob("efficientnetv2-s", unit.Augmentation, unit.Loss, run)
        {
            PretrainedWeights = string.IsNullOrWhiteSpace(PretrainedWeights) ? null : PretrainedWeights,
        };
    }
}
