using LossSearch.Learning.Data;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Data;

public class SplitsAndSourcesTests
{
    [Fact]
    public void StratifiedSplitKeepsClassProportionsAndIsSeeded()
    {
        long[] labels = [.. Enumerable.Range(0, 1000).Select(i => (long)(i % 10 < 7 ? 0 : i % 10 < 9 ? 1 : 2))];
        var (train, validation) = StratifiedSplit.Split(labels, 100, seed: 5);
        Assert.Equal(900, train.Length);
        Assert.Equal(100, validation.Length);
        Assert.Empty(train.Intersect(validation));
        Assert.Equal([70, 20, 10], validation.GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Equal(validation, StratifiedSplit.Split(labels, 100, seed: 5).Validation);
        Assert.NotEqual(validation, StratifiedSplit.Split(labels, 100, seed: 6).Validation);
        Assert.Throws<InvalidInputException>(() => StratifiedSplit.Split(labels, 1000, 0));
    }

    [Fact]
    public void InMemorySourceVisitsEverySampleOnceInASeededOrder()
    {
        var images = arange(10 * 3 * 2 * 2).remainder(251).view(10, 3, 2, 2).to(ScalarType.Byte);
        var labels = arange(10, dtype: int64);
        using var source = new InMemoryBatchSource(new ImageSet(images, labels, ["a"]), CPU);
        var first = source.Batches(4, CPU, shuffleSeed: 1).ToList();
        var second = source.Batches(4, CPU, shuffleSeed: 1).ToList();
        var order = first.SelectMany(b => b.Labels.data<long>().ToArray()).ToArray();
        Assert.Equal(order, second.SelectMany(b => b.Labels.data<long>().ToArray()));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), order.Order());
        Assert.NotEqual(Enumerable.Range(0, 10).Select(i => (long)i), order);
        foreach (var (batchImages, batchLabels) in first)
            for (int i = 0; i < batchLabels.shape[0]; i++)
                Assert.True(batchImages[i].eq(source.Set.Images[batchLabels[i].item<long>()]).all().item<bool>());
        Assert.Equal(2, source.Batches(4, CPU, dropLast: true).Count());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), source.Batches(3, CPU).SelectMany(b => b.Labels.data<long>().ToArray()));
    }

    [Fact]
    public void ChannelStatisticsMatchAFloat64Computation()
    {
        using var generator = new Generator(2);
        var images = randint(0, 256, [50, 3, 8, 8], generator: generator).to(ScalarType.Byte);
        var values = images.data<byte>().ToArray();
        using var source = new InMemoryBatchSource(new ImageSet(images, zeros(50, dtype: int64), ["a"]), CPU);
        var stats = ChannelStatistics.Compute(source, batchSize: 7);
        for (int c = 0; c < 3; c++)
        {
            var channel = Enumerable.Range(0, 50).SelectMany(n => Enumerable.Range(0, 64).Select(p => values[n * 192 + c * 64 + p] / 255.0)).ToArray();
            double mean = channel.Average();
            double std = Math.Sqrt(channel.Select(v => (v - mean) * (v - mean)).Average());
            Assert.Equal(mean, stats.Mean[c], 10);
            Assert.Equal(std, stats.Std[c], 10);
        }
    }

    [Fact]
    public void SyntheticDataIsSeededShapedAndLearnableButNotTrivial()
    {
        using var a = DatasetCatalog.Read("synthetic:cifar10?n=2000&seed=1");
        using var b = DatasetCatalog.Read("synthetic:cifar10?n=2000&seed=1");
        var train = ((DecodedSplit)a.Split("train")).Images;
        Assert.Equal([2000L, 3, 32, 32], train.Images.shape);
        Assert.Equal(400, a.Split("test").Count);
        Assert.True(train.Images.eq(((DecodedSplit)b.Split("train")).Images.Images).all().item<bool>());
        Assert.All(a.Split("train").Histogram(10), n => Assert.InRange(n, 150, 250));

        // An independent, deliberately weak learner: nearest class mean on pixels. It must beat chance
        // clearly (classes carry structure) and stay clearly below 100% (classes overlap).
        var test = ((DecodedSplit)a.Split("test")).Images;
        var x = train.Images.to(float32).flatten(1);
        var means = stack(Enumerable.Range(0, 10).Select(c => x[train.Labels.eq(c)].mean([0])).ToArray());
        var distances = cdist(test.Images.to(float32).flatten(1), means);
        double accuracy = distances.argmin(1).eq(test.Labels).to(float32).mean().item<float>();
        Assert.InRange(accuracy, 0.3, 0.95);

        Assert.Equal([400L, 1, 28, 28], ((DecodedSplit)DatasetCatalog.Read("synthetic:mnist?n=400").Split("train")).Images.Images.shape);
        Assert.Throws<InvalidInputException>(() => DatasetCatalog.Read("synthetic:cifar10?samples=3"));
        Assert.Throws<InvalidInputException>(() => DatasetCatalog.Read("synthetic:hexagons"));
    }

    [Theory]
    [InlineData("cifar10", "FORMAT:PATH")]
    [InlineData("tiff:/data", "unknown format 'tiff'")]
    [InlineData("cifar10:/no/such/dir", "/no/such/dir")]
    [InlineData("cifar100:/tmp?labels=medium", "labels=medium")]
    public void BadSpecsAreNamed(string spec, string named)
    {
        var error = Assert.Throws<InvalidInputException>(() => DatasetCatalog.Read(spec));
        Assert.Contains(named, error.Message);
    }
}
