using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossSearch.Learning.Models;

/// <summary>
/// Wide residual network WRN-<c>depth</c>-<c>width</c> (Zagoruyko &amp; Komodakis) with pre-activation
/// basic blocks: depth = 6n + 4, three groups of n blocks with 16k, 32k, 64k channels.
/// </summary>
public sealed class WideResNet : nn.Module<Tensor, Tensor>, IHasClassifier
{
    private readonly Conv2d _stem;
    private readonly Sequential _groups;
    private readonly BatchNorm2d _norm;
    private Linear _classifier;

    public WideResNet(int depth, int width, int classes, int inputChannels = 3, double dropout = 0.0)
        : base($"WideResNet-{depth}-{width}")
    {
        if (depth < 10 || (depth - 4) % 6 != 0)
            throw new InvalidInputException($"WideResNet depth {depth} is not 6n + 4 with n >= 1 (10, 16, 22, 28, 40, ...).");
        if (width < 1) throw new InvalidInputException($"WideResNet width {width} must be at least 1.");
        ModelGuards.CheckClasses(classes);
        ModelGuards.CheckChannels(inputChannels);
        Depth = depth;
        Width = width;
        int blocksPerGroup = (depth - 4) / 6;
        int[] channels = [16, 16 * width, 32 * width, 64 * width];

        _stem = nn.Conv2d(inputChannels, channels[0], 3, padding: 1, bias: false);
        _groups = nn.Sequential();
        for (int g = 0; g < 3; g++)
        {
            var group = nn.Sequential();
            for (int b = 0; b < blocksPerGroup; b++)
            {
                long inChannels = b == 0 ? channels[g] : channels[g + 1];
                int stride = b == 0 && g > 0 ? 2 : 1;
                group.append(new PreActivationBlock(inChannels, channels[g + 1], stride, dropout));
            }
            _groups.append(group);
        }
        _norm = nn.BatchNorm2d(channels[3]);
        _classifier = nn.Linear(channels[3], classes);
        register_module("conv1", _stem);
        register_module("groups", _groups);
        register_module("bn", _norm);
        register_module("fc", _classifier);
        ModelInit.HeNormalConvolutions(this);
        using (torch.no_grad()) nn.init.zeros_(_classifier.bias!);
    }

    public int Depth { get; }
    public int Width { get; }
    public int Classes => (int)_classifier.out_features;

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var x = _groups.call(_stem.call(input));
        x = nn.functional.relu(_norm.call(x));
        x = nn.functional.adaptive_avg_pool2d(x, 1).flatten(1);
        return _classifier.call(x).MoveToOuterDisposeScope();
    }

    public void ReplaceClassifier(int classes)
    {
        ModelGuards.CheckClasses(classes);
        var old = _classifier;
        _classifier = nn.Linear(old.in_features, classes, device: old.weight.device);
        using (torch.no_grad()) nn.init.zeros_(_classifier.bias!);
        _internal_submodules["fc"] = _classifier;
        old.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stem.Dispose();
            _groups.Dispose();
            _norm.Dispose();
            _classifier.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>BN-ReLU-conv3x3(stride)-[dropout]-BN-ReLU-conv3x3, plus a 1x1 projection when the shape changes.</summary>
    private sealed class PreActivationBlock : nn.Module<Tensor, Tensor>
    {
        private readonly BatchNorm2d _bn1, _bn2;
        private readonly Conv2d _conv1, _conv2;
        private readonly Conv2d? _shortcut;
        private readonly double _dropout;

        public PreActivationBlock(long inChannels, long outChannels, int stride, double dropout) : base("PreActivationBlock")
        {
            _bn1 = nn.BatchNorm2d(inChannels);
            _conv1 = nn.Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
            _bn2 = nn.BatchNorm2d(outChannels);
            _conv2 = nn.Conv2d(outChannels, outChannels, 3, padding: 1, bias: false);
            _dropout = dropout;
            register_module("bn1", _bn1);
            register_module("conv1", _conv1);
            register_module("bn2", _bn2);
            register_module("conv2", _conv2);
            if (inChannels != outChannels || stride != 1)
            {
                _shortcut = nn.Conv2d(inChannels, outChannels, 1, stride: stride, bias: false);
                register_module("shortcut", _shortcut);
            }
        }

        public override Tensor forward(Tensor x)
        {
            using var scope = torch.NewDisposeScope();
            var activated = nn.functional.relu(_bn1.call(x));
            var residual = _shortcut is null ? x : _shortcut.call(activated);
            var y = _conv1.call(activated);
            y = nn.functional.relu(_bn2.call(y));
            if (_dropout > 0) y = ModelRandomness.Dropout(y, _dropout, training);
            y = _conv2.call(y);
            return y.add_(residual).MoveToOuterDisposeScope();
        }
    }
}
