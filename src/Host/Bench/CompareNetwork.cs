using LossSearch.Learning.Training;

namespace LossSearch.Host.Bench;

/// <summary>
/// One network of <c>bench compare</c> with the batch, input size and optimizer both sides train it with;
/// <see cref="PythonOptimizer"/> names the same optimizer in <c>pytorch_steps.py</c>. <see cref="Warmup"/> and
/// <see cref="Steps"/> are its default untimed and timed steps per side and round: a ResNet9V2 step is short enough
/// that .NET's tiered compilation is still at work over its first few dozen steps, a WRN-16-4 step is not.
/// </summary>
public sealed record CompareNetwork(string Model, int Batch, int ImageSize, OptimizerSettings Optimizer, string PythonOptimizer, int Warmup, int Steps)
{
    public const int Classes = 10;

    /// <summary>The predecessor's surrogate: 32×32, batch 64, Adam at 1e-3.</summary>
    public static readonly CompareNetwork ResNet9V2 = new("resnet9v2", 64, 32, new OptimizerSettings(OptimizerKind.Adam, 1e-3), "adam", Warmup: 30, Steps: 300);

    /// <summary>The final-stage network: 32×32, batch 128, Nesterov SGD (momentum 0.9, weight decay 5e-4) at 0.1.</summary>
    public static readonly CompareNetwork Wrn16x4 = new("wrn-16-4", 128, 32,
        new OptimizerSettings(OptimizerKind.Sgd, 0.1, Momentum: 0.9, Nesterov: true, WeightDecay: 5e-4), "sgd", Warmup: 2, Steps: 6);

    public static readonly IReadOnlyList<CompareNetwork> All = [ResNet9V2, Wrn16x4];

    public static CompareNetwork Named(string model) =>
        All.FirstOrDefault(n => n.Model == model)
        ?? throw new Learning.InvalidInputException($"--network: '{model}' is not one of {string.Join(", ", All.Select(n => n.Model))}");
}
