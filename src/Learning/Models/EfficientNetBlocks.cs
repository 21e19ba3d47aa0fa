using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossSearch.Learning.Models;

/// <summary>The building blocks of EfficientNetV2, laid out (and named) like torchvision's so that state dicts match key for key.</summary>
internal static class EfficientNetBlocks
{
    /// <summary>Batch-norm epsilon of EfficientNetV2 (torchvision: <c>partial(nn.BatchNorm2d, eps=1e-3)</c>).</summary>
    public const double NormEps = 1e-3;

    /// <summary>Conv-BN-[SiLU] as a Sequential with children 0, 1, 2 (torchvision's Conv2dNormActivation).</summary>
    public static Sequential ConvNormActivation(long inChannels, long outChannels, long kernel, long stride = 1, long groups = 1, bool activation = true)
    {
        var sequence = nn.Sequential(
            nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: (kernel - 1) / 2, groups: groups, bias: false),
            nn.BatchNorm2d(outChannels, eps: NormEps));
        if (activation) sequence.append(nn.SiLU());
        return sequence;
    }

    /// <summary>Zeroes whole samples of a residual branch with probability <paramref name="p"/> during training, rescaling the rest.</summary>
    public static Tensor StochasticDepth(Tensor x, double p, bool training)
    {
        return ModelRandomness.DropSamples(x, p, training);
    }
}

/// <summary>avgpool, fc1 (1x1 conv), SiLU, fc2 (1x1 conv), sigmoid, scale.</summary>
internal sealed class SqueezeExcitation : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d _fc1, _fc2;

    public SqueezeExcitation(long channels, long squeezed) : base("SqueezeExcitation")
    {
        _fc1 = nn.Conv2d(channels, squeezed, 1);
        _fc2 = nn.Conv2d(squeezed, channels, 1);
        register_module("fc1", _fc1);
        register_module("fc2", _fc2);
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var scale = nn.functional.adaptive_avg_pool2d(x, 1);
        scale = _fc2.call(nn.functional.silu(_fc1.call(scale))).sigmoid_();
        return x.mul(scale).MoveToOuterDisposeScope();
    }
}

/// <summary>A residual block of EfficientNet: a <c>block</c> Sequential plus stochastic depth on the identity path.</summary>
internal abstract class EfficientNetBlock : nn.Module<Tensor, Tensor>
{
    private readonly Sequential _block;
    private readonly bool _residual;

    protected EfficientNetBlock(string name, Sequential block, bool residual, double stochasticDepth) : base(name)
    {
        _block = block;
        _residual = residual;
        StochasticDepthProbability = stochasticDepth;
        register_module("block", _block);
    }

    public double StochasticDepthProbability { get; }

    public override Tensor forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var y = _block.call(x);
        if (_residual)
            y = EfficientNetBlocks.StochasticDepth(y, StochasticDepthProbability, training).add_(x);
        return y.MoveToOuterDisposeScope();
    }
}

/// <summary>Fused-MBConv: a full 3x3 expansion conv (or one 3x3 conv when the ratio is 1), then a 1x1 projection.</summary>
internal sealed class FusedMBConv : EfficientNetBlock
{
    public FusedMBConv(int expandRatio, long kernel, long stride, long inChannels, long outChannels, double stochasticDepth)
        : base("FusedMBConv", Build(expandRatio, kernel, stride, inChannels, outChannels), stride == 1 && inChannels == outChannels, stochasticDepth)
    {
    }

    private static Sequential Build(int expandRatio, long kernel, long stride, long inChannels, long outChannels)
    {
        long expanded = inChannels * expandRatio;
        if (expanded == inChannels)
            return nn.Sequential(EfficientNetBlocks.ConvNormActivation(inChannels, outChannels, kernel, stride));
        return nn.Sequential(
            EfficientNetBlocks.ConvNormActivation(inChannels, expanded, kernel, stride),
            EfficientNetBlocks.ConvNormActivation(expanded, outChannels, 1, activation: false));
    }
}

/// <summary>MBConv: 1x1 expansion, depthwise conv, squeeze-excitation (input channels / 4), 1x1 projection.</summary>
internal sealed class MBConv : EfficientNetBlock
{
    public MBConv(int expandRatio, long kernel, long stride, long inChannels, long outChannels, double stochasticDepth)
        : base("MBConv", Build(expandRatio, kernel, stride, inChannels, outChannels), stride == 1 && inChannels == outChannels, stochasticDepth)
    {
    }

    private static Sequential Build(int expandRatio, long kernel, long stride, long inChannels, long outChannels)
    {
        long expanded = inChannels * expandRatio;
        var block = nn.Sequential();
        if (expanded != inChannels)
            block.append(EfficientNetBlocks.ConvNormActivation(inChannels, expanded, 1));
        block.append(EfficientNetBlocks.ConvNormActivation(expanded, expanded, kernel, stride, groups: expanded));
        block.append(new SqueezeExcitation(expanded, Math.Max(1, inChannels / 4)));
        block.append(EfficientNetBlocks.ConvNormActivation(expanded, outChannels, 1, activation: false));
        return block;
    }
}
