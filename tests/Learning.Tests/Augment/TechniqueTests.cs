using LossSearch.Learning.Augment;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Augment;

public class TechniqueTests
{
    private const int Classes = 10;

    private static (Tensor Images, Tensor Labels) Batch(int n = 16, int seed = 3)
    {
        using var generator = new Generator((ulong)seed);
        // Strictly positive pixels so that zeroed (cut out or padded) pixels are recognisable.
        var images = randint(1, 256, [n, 3, 32, 32], generator: generator).to(ScalarType.Byte);
        var labels = randint(Classes, [n], generator: generator);
        return (images, labels);
    }

    private static bool Same(Tensor a, Tensor b) =>
        a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    private static AugmentedBatch Run(string spec, Tensor images, Tensor labels, int seed = 11)
    {
        using var generator = new Generator((ulong)seed);
        return AugmentationCatalog.Create(spec).Apply(images, labels, Classes, generator);
    }

    [Theory]
    [InlineData("baseline")]
    [InlineData("cutout")]
    [InlineData("mixup")]
    [InlineData("cutmix")]
    [InlineData("autoaugment")]
    [InlineData("autoaugment?policy=imagenet")]
    [InlineData("randaugment?n=2&m=9")]
    [InlineData("trivialaugment")]
    [InlineData("augmix")]
    public void SameSeedSameBatchAndValidOutputs(string spec)
    {
        var (images, labels) = Batch();
        using var a = Run(spec, images, labels, seed: 5);
        using var b = Run(spec, images, labels, seed: 5);
        using var c = Run(spec, images, labels, seed: 6);
        Assert.True(Same(a.Images, b.Images) && Same(a.Targets, b.Targets));
        Assert.False(Same(a.Images, c.Images));
        Assert.Equal(ScalarType.Float32, a.Images.dtype);
        Assert.Equal(images.shape, a.Images.shape);
        Assert.InRange(a.Images.min().item<float>(), 0f, 1f);
        Assert.InRange(a.Images.max().item<float>(), 0f, 1f);
        using var rowSums = a.Targets.sum(1);
        Assert.True(rowSums.allclose(ones(16), rtol: 0, atol: 1e-5));
    }

    [Theory]
    [InlineData("baseline")]
    [InlineData("cutmix")]
    [InlineData("autoaugment")]
    [InlineData("augmix")]
    public void RepeatedBatchesLeaveNoLiveTensorsBehind(string spec)
    {
        var (images, labels) = Batch();
        var technique = AugmentationCatalog.Create(spec);
        using var generator = new Generator(1);
        technique.Apply(images, labels, Classes, generator).Dispose();
        long before = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 5; i++) technique.Apply(images, labels, Classes, generator).Dispose();
        Assert.Equal(before, TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Theory]
    [InlineData("autoaugment?policy=imagenet")]
    [InlineData("randaugment?n=3&m=15")]
    [InlineData("trivialaugment")]
    [InlineData("augmix")]
    [InlineData("cutmix")]
    public void GreyscaleBatchesWork(string spec)
    {
        using var generator = new Generator(4);
        using var images = randint(0, 256, [12, 1, 28, 28], generator: generator).to(ScalarType.Byte);
        using var labels = randint(Classes, [12], generator: generator);
        using var augmented = Run(spec, images, labels);
        Assert.Equal([12L, 1, 28, 28], augmented.Images.shape);
        Assert.True(augmented.Targets.sum(1).allclose(ones(12), rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void CropFlipMatchesAPerImageCropOfThePaddedImage()
    {
        var (images, labels) = Batch(8);
        using var augmented = Run("baseline", images, labels);
        var padded = nn.functional.pad(images, [4, 4, 4, 4]);
        for (int i = 0; i < 8; i++)
        {
            var result = (augmented.Images[i] * 255).round().to(ScalarType.Byte);
            bool found = false;
            for (int dy = 0; dy <= 8 && !found; dy++)
                for (int dx = 0; dx <= 8 && !found; dx++)
                {
                    var crop = padded[i, .., dy..(dy + 32), dx..(dx + 32)];
                    found = Same(crop, result) || Same(crop.flip(-1), result);
                }
            Assert.True(found, $"image {i} is not a (flipped) 32×32 crop of its 4-padded original");
        }
    }

    [Fact]
    public void NoneOnlyScalesThePixelsAndOneHotsTheLabels()
    {
        var (images, labels) = Batch();
        using var augmented = Run("none", images, labels);
        var pixels = images.data<byte>().ToArray();
        var scaled = augmented.Images.data<float>().ToArray();
        Assert.Equal(pixels.Length, scaled.Length);
        for (int i = 0; i < pixels.Length; i++) Assert.Equal(pixels[i] / 255.0, scaled[i], 1e-6);
        var label = labels.data<long>().ToArray();
        var targets = augmented.Targets.data<float>().ToArray();
        for (int n = 0; n < label.Length; n++)
            for (int c = 0; c < Classes; c++)
                Assert.Equal(c == label[n] ? 1f : 0f, targets[n * Classes + c]);
        Assert.Equal("none", AugmentationCatalog.Create("none").Name);
    }

    [Fact]
    public void CutoutZeroesOneClippedSquarePerImageAndKeepsOneHotTargets()
    {
        var (images, labels) = Batch(32);
        using var augmented = Run("cutout?size=16&pad=0&flip=false", images, labels);
        var original = images.to(float32) / 255;
        for (int i = 0; i < 32; i++)
        {
            var zero = augmented.Images[i].eq(0).all(0); // [H, W], cut pixels are 0 in every channel
            var rows = zero.any(1).nonzero().flatten();
            var cols = zero.any(0).nonzero().flatten();
            long h = rows.numel(), w = cols.numel(), area = zero.sum().item<long>();
            Assert.Equal(h * w, area); // a rectangle
            Assert.InRange(h, 8, 16);  // centre anywhere: at least half the side survives clipping
            Assert.InRange(w, 8, 16);
            Assert.True(h == 16 || rows[0].item<long>() == 0 || rows[-1].item<long>() == 31);
            var kept = augmented.Images[i].masked_select(zero.logical_not().expand(3, 32, 32));
            Assert.True(Same(kept, original[i].masked_select(zero.logical_not().expand(3, 32, 32))));
        }
        using var oneHot = nn.functional.one_hot(labels, Classes).to(float32);
        Assert.True(Same(augmented.Targets, oneHot));
    }

    [Fact]
    public void MixUpImagesAndTargetsShareOneLambdaPerImage()
    {
        var (images, labels) = Batch(32);
        using var augmented = Run("mixup?alpha=0.4&pad=0&flip=false", images, labels);
        var x = images.to(float64) / 255;
        var oneHot = nn.functional.one_hot(labels, Classes).to(float64);
        for (int i = 0; i < 32; i++)
        {
            // Find the partner j and λ from the images alone, independently of the targets.
            double bestError = double.MaxValue, lambda = 0;
            int partner = -1;
            for (int j = 0; j < 32; j++)
            {
                var a = x[i] - x[j];
                var b = augmented.Images[i].to(float64) - x[j];
                double denominator = a.square().sum().item<double>();
                double l = denominator == 0 ? 1 : (a * b).sum().item<double>() / denominator;
                double error = (b - a * l).abs().max().item<double>();
                if (error < bestError) (bestError, lambda, partner) = (error, l, j);
            }
            Assert.True(bestError < 1e-5, $"image {i} is not a blend of two batch images");
            var expected = oneHot[i] * lambda + oneHot[partner] * (1 - lambda);
            Assert.True(augmented.Targets[i].to(float64).allclose(expected, rtol: 0, atol: 1e-5), $"target {i} does not carry λ = {lambda}");
        }
    }

    [Fact]
    public void CutMixPastesOneBoxAndTargetsMatchItsArea()
    {
        // 32 images with 32 distinct labels: each target names its own and its partner's share.
        var (images, _) = Batch(32);
        using var labels = arange(32, dtype: int64);
        using var generator = new Generator(11);
        using var augmented = AugmentationCatalog.Create("cutmix?pad=0&flip=false").Apply(images, labels, 32, generator);
        var x = images.to(float32) / 255;
        int mixedImages = 0;
        for (int i = 0; i < 32; i++)
        {
            var changed = augmented.Images[i].ne(x[i]).any(0); // [H, W]
            long area = changed.sum().item<long>();
            var target = augmented.Targets[i];
            Assert.Equal(1.0, target.sum().item<float>(), 5);
            if (area == 0)
            {
                Assert.True(target[i].item<float>() > 0.999f || target.max().item<float>() == target[i].item<float>());
                continue;
            }
            mixedImages++;
            var rows = changed.any(1).nonzero().flatten();
            var cols = changed.any(0).nonzero().flatten();
            Assert.Equal(rows.numel() * cols.numel(), area); // one axis-aligned box
            Assert.Equal(1 - area / 1024.0, target[i].item<float>(), 5);
            var partners = target.gt(0).nonzero().flatten().data<long>().Where(j => j != i).ToArray();
            Assert.Single(partners);
            Assert.Equal(area / 1024.0, target[partners[0]].item<float>(), 5);
            // The box holds the partner's pixels.
            var box = changed.expand(3, 32, 32);
            Assert.True(Same(augmented.Images[i].masked_select(box), x[partners[0]].masked_select(box)));
        }
        Assert.True(mixedImages > 16);
    }

    [Theory]
    [InlineData("bogus", "unknown")]
    [InlineData("cutout?sise=3", "sise")]
    [InlineData("randaugment?m=40", "m=40")]
    [InlineData("mixup?alpha=-1", "alpha=-1")]
    [InlineData("autoaugment?policy=svhn", "policy=svhn")]
    [InlineData("none?pad=4", "pad")]
    public void BadSpecsNameTheProblem(string spec, string named)
    {
        var error = Assert.Throws<InvalidInputException>(() => AugmentationCatalog.Create(spec));
        Assert.Contains(named, error.Message);
    }
}
