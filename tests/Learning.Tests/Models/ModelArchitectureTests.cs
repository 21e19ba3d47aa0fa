using LossSearch.Learning.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Models;

public class ModelArchitectureTests
{
    [Fact]
    public void Wrn28x10HasThePublishedParameterCount()
    {
        using var model = new WideResNet(28, 10, classes: 10);
        Assert.Equal(36_479_194, ModelSummary.CountParameters(model));
    }

    [Fact]
    public void EfficientNetV2SHasTorchvisionsParameterCount()
    {
        using var model = new EfficientNetV2(classes: 1000);
        Assert.Equal(21_458_488, ModelSummary.CountParameters(model));
    }

    [Fact]
    public void EfficientNetV2SStateDictEqualsTorchvisionsKeysShapesAndDtypes()
    {
        using var model = new EfficientNetV2(classes: 1000);
        var ours = model.state_dict().Select(kv =>
            $"{kv.Key} {PythonShape(kv.Value.shape)} {(kv.Value.dtype == ScalarType.Int64 ? "int64" : kv.Value.dtype == ScalarType.Float32 ? "float32" : kv.Value.dtype.ToString())}");
        var reference = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Models", "efficientnet_v2_s.torchvision-keys.txt"))
            .Where(l => l.Length > 0);
        Assert.Equal(reference.Order(StringComparer.Ordinal), ours.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EfficientNetUsesBatchNormEpsilonOneThousandth()
    {
        using var model = new EfficientNetV2(classes: 10);
        var norms = model.named_modules().Select(m => m.module).OfType<TorchSharp.Modules.BatchNorm2d>().ToList();
        Assert.NotEmpty(norms);
        Assert.All(norms, n => Assert.Equal(1e-3, n.eps, 12));
    }

    [Theory]
    [InlineData("wrn-10-2", 3, 32, 10)]
    [InlineData("wrn-16-4", 3, 32, 10)]
    [InlineData("wrn-10-2", 1, 28, 10)]
    [InlineData("resnet9v2", 3, 32, 10)]
    [InlineData("resnet9v2", 1, 28, 10)]
    [InlineData("resnet9v2", 3, 80, 100)]
    [InlineData("convnet", 1, 28, 10)]
    [InlineData("convnet", 3, 32, 100)]
    [InlineData("efficientnetv2-s", 3, 64, 102)]
    [InlineData("efficientnetv2-s", 1, 28, 10)]
    public void ForwardGivesOneLogitPerClass(string architecture, int channels, int size, int classes)
    {
        torch.manual_seed(1);
        using var model = ModelCatalog.Create(architecture, classes, channels);
        model.eval();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var logits = model.forward(torch.rand(2, channels, size, size));
        Assert.Equal([2L, classes], logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
    }

    [Fact]
    public void ReplacingTheClassifierKeepsTheBackbone()
    {
        torch.manual_seed(2);
        using var model = new EfficientNetV2(classes: 1000);
        var before = model.state_dict().Where(kv => !kv.Key.StartsWith("classifier")).ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        model.ReplaceClassifier(37);
        Assert.Equal(37, model.Classes);
        var after = model.state_dict();
        Assert.Equal([37L, EfficientNetV2.LastChannels], after["classifier.1.weight"].shape);
        foreach (var (key, tensor) in before)
            Assert.True(tensor.equal(after[key]).all().item<bool>(), key);
        Assert.Equal(before.Count + 2, after.Count);
    }

    [Fact]
    public void WideResNetClassifierReplacementChangesOnlyTheHead()
    {
        using var model = new WideResNet(10, 2, classes: 10);
        long before = ModelSummary.CountParameters(model);
        model.ReplaceClassifier(100);
        Assert.Equal(before + 90 * (64 * 2 + 1), ModelSummary.CountParameters(model));
    }

    [Theory]
    [InlineData("wrn-27-10")]
    [InlineData("wrn-4-1")]
    [InlineData("resnet50")]
    [InlineData("")]
    public void UnknownOrInvalidArchitecturesAreBadInput(string architecture)
    {
        var error = Assert.Throws<InvalidInputException>(() => ModelCatalog.Create(architecture, 10));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void FewerThanTwoClassesIsBadInput()
    {
        var error = Assert.Throws<InvalidInputException>(() => ModelCatalog.Create("resnet9v2", 1));
        Assert.Contains("classes", error.Message);
    }

    [Fact]
    public void ResNet9V2ParameterCountMatchesHandCount()
    {
        // stem 3x3x3x8+8; per block: BN(in)+conv(in->out,3x3)+BN(out)+conv3x3+BN(out)+conv3x3+1x1 projection (all with bias).
        static long Block(long i, long o) => 2 * i + (9 * i * o + o) + 2 * o + (9 * o * o + o) + 2 * o + (9 * o * o + o) + (i * o + o);
        long expected = (27 * 8 + 8) + Block(8, 16) + Block(16, 32) + (32 * 10 + 10);
        using var model = new ResNet9V2(classes: 10);
        Assert.Equal(expected, ModelSummary.CountParameters(model));
    }

    [Fact]
    public void ConvNetParameterCountMatchesHandCount()
    {
        long expected = (27 * 12 + 12) + 2 * 12 + (9 * 12 * 24 + 24) + 2 * 24 + (9 * 24 * 48 + 48) + (48 * 10 + 10);
        using var model = new ConvNet(classes: 10);
        Assert.Equal(expected, ModelSummary.CountParameters(model));
    }

    [Fact]
    public void SummaryCountsFlopsOfAConvolutionAndALinearLayerByHand()
    {
        using var model = new ResNet9V2(classes: 10);
        var summary = ModelSummary.Of(model, size: 32, channels: 3);
        // stem at 32x32; block1 at 16x16; block2 at 8x8
        long macs = 32 * 32 * 8 * 27
            + 16 * 16 * 16 * (9 * 8) + 2 * 16 * 16 * 16 * (9 * 16) + 16 * 16 * 16 * 8
            + 8 * 8 * 32 * (9 * 16) + 2 * 8 * 8 * 32 * (9 * 32) + 8 * 8 * 32 * 16
            + 10 * 32;
        Assert.Equal(2 * macs, summary.FlopsPerImage);
        Assert.Equal(1 + 4 + 4 + 1, summary.Layers);
    }

    private static string PythonShape(long[] shape) =>
        shape.Length == 0 ? "()" : shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";
}
