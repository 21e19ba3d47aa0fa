using LossSearch.Learning.Losses;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LossSearch.Learning.Tests.Losses;

/// <summary>Each named loss against a formula written directly in TorchSharp (no ε: tolerances allow for it).</summary>
public class NamedLossTests
{
    private const int Batch = 16, Classes = 5;

    private static (Tensor Logits, Tensor Labels, Tensor Hard, Tensor Soft) Data()
    {
        var generator = new TorchSharp.torch.Generator(7);
        var logits = randn(Batch, Classes, dtype: ScalarType.Float64, generator: generator);
        var labels = randint(Classes, Batch, generator: generator);
        var hard = F.one_hot(labels, Classes).to_type(ScalarType.Float64);
        var soft = 0.6 * hard + 0.4 * hard.roll(3, 0);
        return (logits, labels, hard, soft);
    }

    private static double Value(string name, Tensor y, Tensor yhat) => LossCatalog.Compile(name)(y, yhat).item<double>();

    [Fact]
    public void CrossEntropyMatchesTorchCrossEntropyOnLogitsWithHardAndSoftTargets()
    {
        using var scope = NewDisposeScope();
        var (logits, labels, hard, soft) = Data();
        Assert.Equal(F.cross_entropy(logits, labels).item<double>(), Value("cross-entropy", hard, logits.softmax(1)), 5);
        Assert.Equal(F.cross_entropy(logits, soft).item<double>(), Value("cross-entropy", soft, logits.softmax(1)), 5);
    }

    [Fact]
    public void CrossEntropyGradientThroughSoftmaxIsSoftmaxMinusTargetOverBatch()
    {
        using var scope = NewDisposeScope();
        var (logits, _, _, soft) = Data();
        var leaf = logits.detach().requires_grad_(true);
        LossCatalog.Compile("cross-entropy")(soft, leaf.softmax(1)).backward();
        var expected = (logits.softmax(1) - soft) / Batch;
        Assert.True(leaf.grad!.allclose(expected, rtol: 1e-4, atol: 1e-7));
    }

    [Fact]
    public void FocalMatchesIndependentFormulaWithGammaTwo()
    {
        using var scope = NewDisposeScope();
        var (logits, _, hard, soft) = Data();
        foreach (var y in new[] { hard, soft })
        {
            var p = logits.softmax(1);
            double expected = (-(y * (1 - p).pow(2) * logits.log_softmax(1))).sum(1).mean().item<double>();
            Assert.Equal(expected, Value("focal", y, p), 5);
        }
    }

    [Fact]
    public void BaikalMatchesItsPublishedFormula()
    {
        using var scope = NewDisposeScope();
        var (logits, _, hard, _) = Data();
        var p = logits.softmax(1);
        double expected = (-((p + 1e-7).log() - hard / (p + 1e-7))).sum(1).mean().item<double>();
        Assert.Equal(expected, Value("baikal", hard, p), 9);
    }

    [Fact]
    public void Poly1IsCrossEntropyPlusOneMinusTrueClassProbability()
    {
        using var scope = NewDisposeScope();
        var (logits, labels, hard, _) = Data();
        var p = logits.softmax(1);
        var pt = p.gather(1, labels.unsqueeze(1)).squeeze(1);
        double expected = (F.cross_entropy(logits, labels, reduction: TorchSharp.torch.nn.Reduction.None) + (1 - pt)).mean().item<double>();
        Assert.Equal(expected, Value("poly1", hard, p), 5);
    }

    [Fact]
    public void MseIsTheClassSumOfSquaredErrorsAveragedOverTheBatch()
    {
        using var scope = NewDisposeScope();
        var (logits, _, _, soft) = Data();
        var p = logits.softmax(1);
        double expected = F.mse_loss(p, soft, TorchSharp.torch.nn.Reduction.Sum).item<double>() / Batch;
        Assert.Equal(expected, Value("mse", soft, p), 9);
    }

    [Fact]
    public void EveryNamedLossPassesTheIntegrityCheckUnflipped()
    {
        foreach (var name in LossCatalog.Named.Keys)
        {
            var verdict = IntegrityCheck.Check(LossCatalog.Resolve(name));
            Assert.True(verdict.Valid, $"{name}: {verdict.Reason}");
            Assert.False(verdict.Flipped, name);
        }
    }

    [Fact]
    public void EveryNamedLossHasASourceAndNoSourceNamesAnUnknownLoss() =>
        Assert.Equal(LossCatalog.Named.Keys.Order(), LossCatalog.Sources.Keys.Order());
}
