using System.Buffers.Binary;
using System.IO.Compression;
using LossSearch.Learning.Data;
using LossSearch.Learning.Data.Formats;

namespace LossSearch.Learning.Tests.Data;

public class IdxReaderTests
{
    internal static byte[] ImagesFile(int count, int rows, int cols, int seed)
    {
        var bytes = new byte[16 + count * rows * cols];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x803);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), cols);
        new Random(seed).NextBytes(bytes.AsSpan(16));
        return bytes;
    }

    internal static byte[] LabelsFile(byte[] labels)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x801);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    private static void Write(string path, byte[] bytes, bool gzip)
    {
        if (!gzip) { File.WriteAllBytes(path, bytes); return; }
        using var file = File.Create(path + ".gz");
        using var stream = new GZipStream(file, CompressionLevel.Fastest);
        stream.Write(bytes);
    }

    private static void WriteSet(string directory, bool gzip, byte[] trainImages, byte[] trainLabels)
    {
        Write(Path.Combine(directory, "train-images-idx3-ubyte"), trainImages, gzip);
        Write(Path.Combine(directory, "train-labels-idx1-ubyte"), LabelsFile(trainLabels), gzip);
        Write(Path.Combine(directory, "t10k-images-idx3-ubyte"), ImagesFile(2, 28, 28, 5), gzip);
        Write(Path.Combine(directory, "t10k-labels-idx1-ubyte"), LabelsFile([1, 2]), gzip);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void PixelsAndLabelsRoundTripGzippedOrNot(bool gzip)
    {
        using var dir = new TempDirectory();
        var images = ImagesFile(3, 28, 28, 1);
        WriteSet(dir.Path, gzip, images, [9, 0, 4]);
        using var data = DatasetCatalog.Read($"fashion-mnist:{dir.Path}");
        var train = ((DecodedSplit)data.Split("train")).Images;
        Assert.Equal([3L, 1, 28, 28], train.Images.shape);
        Assert.Equal([9L, 0, 4], data.Split("train").Labels);
        Assert.Equal(images[(16 + 784)..(16 + 2 * 784)], train.Images[1].data<byte>().ToArray());
        Assert.Equal(images[16 + 784 * 2 + 28 * 3 + 5], train.Images[2, 0, 3, 5].item<byte>());
        Assert.Equal("Ankle boot", data.Classes[9]);
    }

    [Fact]
    public void WrongMagicNamesTheFile()
    {
        using var dir = new TempDirectory();
        var images = ImagesFile(3, 28, 28, 1);
        BinaryPrimitives.WriteInt32BigEndian(images, 0x801);
        WriteSet(dir.Path, false, images, [1, 2, 3]);
        var error = Assert.Throws<InvalidInputException>(() => DatasetCatalog.Read($"mnist:{dir.Path}"));
        Assert.Contains("train-images-idx3-ubyte", error.Message);
        Assert.Contains("magic", error.Message);
    }

    [Fact]
    public void LabelOutOfRangeAndTruncationAreNamed()
    {
        using var dir = new TempDirectory();
        WriteSet(dir.Path, true, ImagesFile(3, 28, 28, 1), [1, 12, 3]);
        var label = Assert.Throws<InvalidInputException>(() => DatasetCatalog.Read($"mnist:{dir.Path}"));
        Assert.Contains("train-labels-idx1-ubyte.gz", label.Message);
        Assert.Contains("offset 9", label.Message);

        using var other = new TempDirectory();
        WriteSet(other.Path, false, ImagesFile(3, 28, 28, 1)[..1000], [1, 2, 3]);
        var truncated = Assert.Throws<InvalidInputException>(() => DatasetCatalog.Read($"mnist:{other.Path}"));
        Assert.Contains("truncated", truncated.Message);
    }

    [Fact]
    public void TheInstalledFashionMnistPackageReads()
    {
        const string installed = "/usr/share/datasets/fashion-mnist";
        if (!Directory.Exists(installed)) return; // test.sh installs it; nothing to check without it
        using var data = DatasetCatalog.Read($"fashion-mnist:{installed}");
        Assert.Equal(60000, data.Split("train").Count);
        Assert.Equal(10000, data.Split("test").Count);
        Assert.Equal(10, data.Classes.Count);
        Assert.All(data.Split("train").Histogram(10), n => Assert.Equal(6000, n));
        Assert.All(data.Split("test").Histogram(10), n => Assert.Equal(1000, n));
        var images = ((DecodedSplit)data.Split("train")).Images.Images;
        Assert.Equal([60000L, 1, 28, 28], images.shape);
    }

    [Fact]
    public void TheInstalledFashionMnistOpensWithAStratifiedValidationSplit()
    {
        const string installed = "/usr/share/datasets/fashion-mnist";
        if (!Directory.Exists(installed)) return; // test.sh installs it
        using var splits = DatasetCatalog.Open($"fashion-mnist:{installed}", new DatasetOptions { ValidationFraction = 0.1, SplitSeed = 1 });
        Assert.Equal(54000, splits.Train.Count);
        Assert.Equal(6000, splits.Validation!.Count);
        Assert.Equal(10000, splits.Test.Count);
        var (_, labels) = splits.Validation.Batches(6000, TorchSharp.torch.CPU).Single();
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(600, labels.eq(c).sum().item<long>()));
        var stats = ChannelStatistics.Compute(splits.Train, batchSize: 8192);
        Assert.InRange(stats.Mean[0], 0.27, 0.30); // Fashion-MNIST's well-known 0.286 / 0.353
        Assert.InRange(stats.Std[0], 0.34, 0.37);
    }
}
