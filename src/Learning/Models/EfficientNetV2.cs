using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossSearch.Learning.Models;

/// <summary>
/// EfficientNetV2-S with torchvision's module tree (<c>features.*</c>, <c>classifier.1</c>), so that
/// ImageNet weights saved by PyTorch load key for key. Stochastic depth rises linearly from 0 to
/// <c>stochasticDepth</c> over the blocks; classifier = dropout + linear 1280 → classes.
/// </summary>
public sealed class EfficientNetV2 : nn.Module<Tensor, Tensor>, IHasClassifier
{
    private sealed record Stage(bool Fused, int ExpandRatio, int Kernel, int Stride, int InChannels, int OutChannels, int Layers);

    private static readonly Stage[] SmallStages =
    [
        new(true, 1, 3, 1, 24, 24, 2),
        new(true, 4, 3, 2, 24, 48, 4),
        new(true, 4, 3, 2, 48, 64, 4),
        new(false, 4, 3, 2, 64, 128, 6),
        new(false, 6, 3, 1, 128, 160, 9),
        new(false, 6, 3, 2, 160, 256, 15),
    ];

    public const int LastChannels = 1280;

    private readonly Sequential _features;
    private Sequential _classifier;

    public EfficientNetV2(int classes, int inputChannels = 3, double dropout = 0.2, double stochasticDepth = 0.2) : base("EfficientNetV2-S")
    {
        ModelGuards.CheckClasses(classes);
        ModelGuards.CheckChannels(inputChannels);
        _features = nn.Sequential(EfficientNetBlocks.ConvNormActivation(inputChannels, SmallStages[0].InChannels, 3, stride: 2));
        int totalBlocks = SmallStages.Sum(s => s.Layers);
        int blockIndex = 0;
        foreach (var stage in SmallStages)
        {
            var blocks = nn.Sequential();
            for (int i = 0; i < stage.Layers; i++)
            {
                int inChannels = i == 0 ? stage.InChannels : stage.OutChannels;
                int stride = i == 0 ? stage.Stride : 1;
                double p = stochasticDepth * blockIndex++ / totalBlocks;
                blocks.append(stage.Fused
                    ? new FusedMBConv(stage.ExpandRatio, stage.Kernel, stride, inChannels, stage.OutChannels, p)
                    : new MBConv(stage.ExpandRatio, stage.Kernel, stride, inChannels, stage.OutChannels, p));
            }
            _features.append(blocks);
        }
        _features.append(EfficientNetBlocks.ConvNormActivation(SmallStages[^1].OutChannels, LastChannels, 1));
        _classifier = nn.Sequential(new SeededDropout(dropout), nn.Linear(LastChannels, classes));
        register_module("features", _features);
        register_module("classifier", _classifier);
        ModelInit.HeNormalConvolutions(this);
        InitialiseLinear(Head);
    }

    public int Classes => (int)Head.out_features;

    private Linear Head => (Linear)_classifier[1];

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var x = _features.call(input);
        x = nn.functional.adaptive_avg_pool2d(x, 1).flatten(1);
        return _classifier.call(x).MoveToOuterDisposeScope();
    }

    public void ReplaceClassifier(int classes)
    {
        ModelGuards.CheckClasses(classes);
        var old = Head;
        var head = nn.Linear(LastChannels, classes, device: old.weight.device);
        InitialiseLinear(head);
        var dropout = (nn.Module<Tensor, Tensor>)_classifier[0];
        _classifier = nn.Sequential(dropout, head);
        _internal_submodules["classifier"] = _classifier;
        old.Dispose();
    }

    /// <summary>torchvision: uniform(-1/sqrt(out), 1/sqrt(out)) weights, zero bias.</summary>
    private static void InitialiseLinear(Linear linear)
    {
        using var noGrad = torch.no_grad();
        double range = 1.0 / Math.Sqrt(linear.out_features);
        nn.init.uniform_(linear.weight, -range, range);
        nn.init.zeros_(linear.bias!);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _features.Dispose();
            _classifier.Dispose();
        }
        base.Dispose(disposing);
    }
}
