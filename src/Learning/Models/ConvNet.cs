using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossSearch.Learning.Models;

/// <summary>
/// The predecessor paper's cheaper surrogate (its "ConvNet"): conv 12 → BN-swish-conv 24 (stride 2) →
/// BN-swish-conv 48 (stride 2) → global average pooling → dropout 0.1 → linear. About half of
/// ResNet9V2's FLOPs per image; offered for CPU smoke runs and quick loss screening.
/// </summary>
public sealed class ConvNet : nn.Module<Tensor, Tensor>, IHasClassifier
{
    private readonly Conv2d _conv1, _conv2, _conv3;
    private readonly BatchNorm2d _bn1, _bn2;
    private readonly double _dropout;
    private Linear _classifier;

    public ConvNet(int classes, int inputChannels = 3, double dropout = 0.1, double normMomentum = 0.1) : base("ConvNet")
    {
        ModelGuards.CheckClasses(classes);
        ModelGuards.CheckChannels(inputChannels);
        _conv1 = nn.Conv2d(inputChannels, 12, 3, padding: 1);
        _bn1 = KerasInit.BatchNorm(12, normMomentum);
        _conv2 = nn.Conv2d(12, 24, 3, stride: 2, padding: 1);
        _bn2 = KerasInit.BatchNorm(24, normMomentum);
        _conv3 = nn.Conv2d(24, 48, 3, stride: 2, padding: 1);
        _classifier = nn.Linear(48, classes);
        _dropout = dropout;
        register_module("conv1", _conv1);
        register_module("bn1", _bn1);
        register_module("conv2", _conv2);
        register_module("bn2", _bn2);
        register_module("conv3", _conv3);
        register_module("fc", _classifier);
        KerasInit.GlorotUniform(this);
    }

    public int Classes => (int)_classifier.out_features;

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var x = _conv1.call(input);
        x = _conv2.call(nn.functional.silu(_bn1.call(x)));
        x = _conv3.call(nn.functional.silu(_bn2.call(x)));
        x = nn.functional.adaptive_avg_pool2d(x, 1).flatten(1);
        x = ModelRandomness.Dropout(x, _dropout, training);
        return _classifier.call(x).MoveToOuterDisposeScope();
    }

    public void ReplaceClassifier(int classes)
    {
        _classifier = KerasInit.ReplaceDense(_classifier, classes);
        _internal_submodules["fc"] = _classifier;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _conv1.Dispose();
            _conv2.Dispose();
            _conv3.Dispose();
            _bn1.Dispose();
            _bn2.Dispose();
            _classifier.Dispose();
        }
        base.Dispose(disposing);
    }
}
