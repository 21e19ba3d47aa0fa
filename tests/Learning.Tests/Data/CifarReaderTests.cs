using LossSearch.Learning.Data;
using LossSearch.Learning.Data.Formats;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Data;

public class CifarReaderTests
{
    /// <summary>Writes records in the published layout: label byte(s), then 1024 R, 1024 G, 1024 B bytes.</summary>
    internal static byte[] Records(int count, int seed, int labelBytes, int classes)
    {
        var random = new Random(seed);
        var bytes = new byte[count * (labelBytes + 3072)];
        random.NextBytes(bytes);
        for (int r = 0; r < count; r++)
            for (int l = 0; l < labelBytes; l++)
                bytes[r * (labelBytes + 3072) + l] = (byte)random.Next(classes);
        return bytes;
    }

    internal static void WriteCifar10(string directory, int perBatch)
    {
        for (int b = 1; b <= 5; b++) File.WriteAllBytes(Path.Combine(directory, $"data_batch_{b}.bin"), Records(perBatch, b, 1, 10));
        File.WriteAllBytes(Path.Combine(directory, "test_batch.bin"), Records(perBatch, 9, 1, 10));
    }

    [Fact]
    public void RecordsAboveTheReaderCeilingAreRefusedBeforeTheirPixelsAreAllocated()
    {
        using var dir = new TempDirectory();
        WriteCifar10(dir.Path, 1);
        long saved = ReaderLimits.MaxDecompressedBytes;
        try
        {
            ReaderLimits.MaxDecompressedBytes = 4 * 3072;
            var error = Assert.Throws<InvalidInputException>(() => CifarReader.ReadCifar10(dir.Path));
            Assert.Contains("with 5 records declares 15,360 bytes, above the reader ceiling of 12,288 (Data:MaxDecompressedBytes)", error.Message);
        }
        finally
        {
            ReaderLimits.MaxDecompressedBytes = saved;
        }
    }

    [Fact]
    public void Cifar10PixelsAndLabelsRoundTrip()
    {
        using var dir = new TempDirectory();
        WriteCifar10(dir.Path, 4);
        using var data = CifarReader.ReadCifar10(dir.Path);
        var train = Assert.IsType<DecodedSplit>(data.Split("train")).Images;
        Assert.Equal([20L, 3, 32, 32], train.Images.shape);
        Assert.Equal("airplane", data.Classes[0]);
        // Record 2 of batch 3 is training image 4·2 + 2 = 10.
        var bytes = File.ReadAllBytes(dir["data_batch_3.bin"]);
        int offset = 2 * 3073;
        Assert.Equal(bytes[offset], train.Labels[10].item<long>());
        var pixels = train.Images[10].data<byte>().ToArray();
        Assert.Equal(bytes[(offset + 1)..(offset + 3073)], pixels); // R plane, G plane, B plane, row-major
        Assert.Equal(bytes[offset + 1 + 1024 + 5 * 32 + 7], train.Images[10, 1, 5, 7].item<byte>());
        Assert.Equal(4, data.Split("test").Count);
    }

    [Fact]
    public void Cifar100ReadsFineLabelsByDefaultAndCoarseOnRequest()
    {
        using var dir = new TempDirectory();
        var train = Records(6, 1, 2, 20);
        var test = Records(3, 2, 2, 20);
        File.WriteAllBytes(dir["train.bin"], train);
        File.WriteAllBytes(dir["test.bin"], test);
        using var fine = DatasetCatalog.Read($"cifar100:{dir.Path}");
        using var coarse = DatasetCatalog.Read($"cifar100:{dir.Path}?labels=coarse");
        Assert.Equal(100, fine.Classes.Count);
        Assert.Equal(20, coarse.Classes.Count);
        Assert.Equal(train[1], fine.Split("train").Labels[0]);
        Assert.Equal(train[0], coarse.Split("train").Labels[0]);
        Assert.Equal(train[3074 + 1], fine.Split("train").Labels[1]);
        var image = ((DecodedSplit)fine.Split("train")).Images.Images[1].data<byte>().ToArray();
        Assert.Equal(train[(3074 + 2)..(2 * 3074)], image);
    }

    [Fact]
    public void TruncatedBatchNamesTheFileAndOffset()
    {
        using var dir = new TempDirectory();
        WriteCifar10(dir.Path, 3);
        var bytes = File.ReadAllBytes(dir["data_batch_2.bin"]);
        File.WriteAllBytes(dir["data_batch_2.bin"], bytes[..(bytes.Length - 100)]);
        var error = Assert.Throws<InvalidInputException>(() => CifarReader.ReadCifar10(dir.Path));
        Assert.Contains("data_batch_2.bin", error.Message);
        Assert.Contains("offset 6146", error.Message);
    }

    [Fact]
    public void LabelOutOfRangeNamesTheFileAndOffset()
    {
        using var dir = new TempDirectory();
        WriteCifar10(dir.Path, 3);
        var bytes = File.ReadAllBytes(dir["test_batch.bin"]);
        bytes[3073] = 10;
        File.WriteAllBytes(dir["test_batch.bin"], bytes);
        var error = Assert.Throws<InvalidInputException>(() => CifarReader.ReadCifar10(dir.Path));
        Assert.Contains("test_batch.bin", error.Message);
        Assert.Contains("offset 3073", error.Message);
    }

    [Fact]
    public void OpenCarvesAStratifiedValidationSetAndKeepsTestUntouched()
    {
        using var dir = new TempDirectory();
        WriteCifar10(dir.Path, 40);
        using var splits = DatasetCatalog.Open($"cifar10:{dir.Path}", new DatasetOptions { ValidationCount = 50, SplitSeed = 3 });
        Assert.Equal(150, splits.Train.Count);
        Assert.Equal(50, splits.Validation!.Count);
        Assert.Equal(40, splits.Test.Count);
        using var published = CifarReader.ReadCifar10(dir.Path);
        var (trainImages, _) = splits.Train.Batches(1000, CPU).Single();
        var (validationImages, _) = splits.Validation.Batches(1000, CPU).Single();
        var all = ((DecodedSplit)published.Split("train")).Images.Images;
        // Every published training image lands in exactly one of the two.
        using var together = cat([trainImages, validationImages]).flatten(1).to(int64);
        using var weights = arange(3072, dtype: int64) % 97 + 1;
        var signatures = (together * weights).sum(1).data<long>().Order().ToArray();
        var expected = (all.flatten(1).to(int64) * weights).sum(1).data<long>().Order().ToArray();
        Assert.Equal(expected, signatures);
    }

    [Fact]
    public void ValidationFromTheEndIsTheLastTrainingImagesInStoredOrder()
    {
        using var dir = new TempDirectory();
        WriteCifar10(dir.Path, 40);
        using var splits = DatasetCatalog.Open($"cifar10:{dir.Path}", new DatasetOptions { ValidationCount = 50, ValidationFromEnd = true });
        using var published = CifarReader.ReadCifar10(dir.Path);
        var all = ((DecodedSplit)published.Split("train")).Images.Images;
        var (validationImages, _) = splits.Validation!.Batches(1000, CPU).Single();
        var (trainImages, _) = splits.Train.Batches(1000, CPU).Single();
        Assert.True(validationImages.equal(all[150..]).all().item<bool>());
        Assert.True(trainImages.equal(all[..150]).all().item<bool>());
    }
}
