using LossSearch.Learning.Data;
using static LossSearch.Learning.Tests.Data.MatV5Writer;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Data;

public class ImageDatasetTests
{
    private static void AssertColoursMatchLabels(IBatchSource source)
    {
        foreach (var (images, labels) in source.Batches(64, CPU))
        {
            for (int i = 0; i < labels.shape[0]; i++)
            {
                var colour = ImageFixtures.ColourOf((int)labels[i].item<long>());
                var mean = images[i].to(float32).mean([1, 2]).data<float>().ToArray();
                Assert.InRange(mean[0], colour.Red - 4, colour.Red + 4);
                Assert.InRange(mean[1], colour.Green - 4, colour.Green + 4);
                Assert.InRange(mean[2], colour.Blue - 4, colour.Blue + 4);
            }
        }
    }

    [Fact]
    public void Flowers102ReadsItsMatFilesAndPublishedSplits()
    {
        using var dir = new TempDirectory();
        double[] labels = [1, 2, 2, 3, 1, 3, 2];
        for (int id = 1; id <= labels.Length; id++) ImageFixtures.Write(dir[$"jpg/image_{id:D5}.jpg"], (int)labels[id - 1] - 1);
        File.WriteAllBytes(dir["imagelabels.mat"], MatV5Writer.Bytes(true, ("labels", new Doubles([1, 7], labels))));
        File.WriteAllBytes(dir["setid.mat"], MatV5Writer.Bytes(false,
            ("trnid", new Doubles([1, 3], [1, 2, 4])), ("valid", new Doubles([1, 2], [3, 5])), ("tstid", new Doubles([1, 2], [6, 7]))));
        using var data = DatasetCatalog.Read($"flowers102:{dir.Path}");
        Assert.Equal(102, data.Classes.Count);
        Assert.Equal([0L, 1, 2], data.Split("train").Labels);
        Assert.Equal([1L, 0], data.Split("val").Labels);
        Assert.Equal([2L, 1], data.Split("test").Labels);

        using var splits = DatasetCatalog.Open($"flowers102:{dir.Path}", new DatasetOptions { ImageSize = 16, CacheDirectory = dir["cache"] });
        Assert.Equal(2, splits.Validation!.Count);
        Assert.Equal(16, splits.Train.Height);
        Assert.IsType<InMemoryBatchSource>(splits.Train);
        AssertColoursMatchLabels(splits.Train);
        AssertColoursMatchLabels(splits.Test);

        // Over the in-memory limit the same splits stream from the same (already built) cache.
        using var streamed = DatasetCatalog.Open($"flowers102:{dir.Path}", new DatasetOptions { ImageSize = 16, CacheDirectory = dir["cache"], InMemoryLimitBytes = 1 });
        Assert.IsType<StreamingBatchSource>(streamed.Train);
        Assert.Equal(3, Directory.GetFiles(dir["cache"]).Length);
        AssertColoursMatchLabels(streamed.Validation!);
    }

    [Fact]
    public void Flowers102MissingVariableIsNamed()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir["imagelabels.mat"], MatV5Writer.Bytes(false, ("labels", new Doubles([1, 1], [1]))));
        File.WriteAllBytes(dir["setid.mat"], MatV5Writer.Bytes(false, ("trnid", new Doubles([1, 1], [1]))));
        var error = Assert.Throws<InvalidInputException>(() => DatasetCatalog.Read($"flowers102:{dir.Path}"));
        Assert.Contains("setid.mat", error.Message);
        Assert.Contains("'valid'", error.Message);
    }

    [Fact]
    public void StanfordCarsReadsTheDevkitAnnotations()
    {
        using var dir = new TempDirectory();
        Struct Annotations(params (string File, byte Label)[] items) => new([1, items.Length], ["bbox_x1", "class", "fname"],
            [.. items.Select(i => new Dictionary<string, Value> { ["bbox_x1"] = new Doubles([1, 1], [3]), ["class"] = new UInt8s([1, 1], [i.Label]), ["fname"] = Chars.Row(i.File) })]);
        Directory.CreateDirectory(dir["devkit"]);
        File.WriteAllBytes(dir["devkit/cars_meta.mat"], MatV5Writer.Bytes(true, ("class_names", new Cell([1, 2], [Chars.Row("Audi TT"), Chars.Row("BMW M3")]))));
        File.WriteAllBytes(dir["devkit/cars_train_annos.mat"], MatV5Writer.Bytes(true, ("annotations", Annotations(("00001.jpg", 2), ("00002.jpg", 1)))));
        File.WriteAllBytes(dir["cars_test_annos_withlabels.mat"], MatV5Writer.Bytes(true, ("annotations", Annotations(("00001.jpg", 1)))));
        ImageFixtures.Write(dir["cars_train/00001.jpg"], 1);
        ImageFixtures.Write(dir["cars_train/00002.jpg"], 0);
        ImageFixtures.Write(dir["cars_test/00001.jpg"], 0);
        using var data = DatasetCatalog.Read($"cars:{dir.Path}");
        Assert.Equal(["Audi TT", "BMW M3"], data.Classes);
        Assert.Equal([1L, 0], data.Split("train").Labels);
        using var splits = DatasetCatalog.Open($"cars:{dir.Path}", new DatasetOptions { ImageSize = 8, CacheDirectory = dir["cache"] });
        AssertColoursMatchLabels(splits.Train);

        File.WriteAllBytes(dir["cars_test_annos_withlabels.mat"], MatV5Writer.Bytes(true, ("annotations", Annotations(("00001.jpg", 3)))));
        var error = Assert.Throws<InvalidInputException>(() => DatasetCatalog.Read($"cars:{dir.Path}"));
        Assert.Contains("annotations(1).class = 3", error.Message);
    }

    [Fact]
    public void ImageFolderWithSplitFoldersAndCaltechSeededSplit()
    {
        using var dir = new TempDirectory();
        foreach (var (split, count) in new[] { ("train", 3), ("test", 2) })
            for (int c = 0; c < 2; c++)
                for (int i = 0; i < count; i++)
                    ImageFixtures.Write(dir[$"tree/{split}/{(c == 0 ? "cat" : "dog")}/{i}.png"], c);
        using var tree = DatasetCatalog.Read($"imagefolder:{dir["tree"]}");
        Assert.Equal(["cat", "dog"], tree.Classes);
        Assert.Equal([3L, 3], tree.Split("train").Histogram(2));
        Assert.Equal([2L, 2], tree.Split("test").Histogram(2));

        for (int c = 0; c < 3; c++)
            for (int i = 0; i < 5; i++)
                ImageFixtures.Write(dir[$"caltech/101_ObjectCategories/{(c == 0 ? "BACKGROUND_Google" : $"class{c}")}/image_{i:D4}.jpg"], c);
        using var a = DatasetCatalog.Read($"caltech101:{dir["caltech"]}?train=2&seed=4");
        using var b = DatasetCatalog.Read($"caltech101:{dir["caltech"]}?train=2&seed=4");
        Assert.Equal(["class1", "class2"], a.Classes);
        Assert.Equal([2L, 2], a.Split("train").Histogram(2));
        Assert.Equal([3L, 3], a.Split("test").Histogram(2));
        Assert.Equal(((FileSplit)a.Split("train")).Files, ((FileSplit)b.Split("train")).Files);
        Assert.Empty(((FileSplit)a.Split("train")).Files.Intersect(((FileSplit)a.Split("test")).Files));
    }

    [Fact]
    public void CorruptCacheIsDetectedAndRebuiltAndStreamingMatchesInMemory()
    {
        using var dir = new TempDirectory();
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < 6; i++)
                ImageFixtures.Write(dir[$"tree/c{c}/{i}.jpg"], c);
        using var data = DatasetCatalog.Read($"imagefolder:{dir["tree"]}");
        var files = (FileSplit)data.Split("train");
        var cache = DecodedImageCache.Ensure(dir["cache"], dir["tree"], "train", files, 12, 3, out bool built);
        Assert.True(built);
        DecodedImageCache.Ensure(dir["cache"], dir["tree"], "train", files, 12, 3, out bool again);
        Assert.False(again);
        Assert.Equal(12, cache.Header.Count);

        var bytes = File.ReadAllBytes(cache.Path);
        bytes[^7] ^= 0x5A;
        File.WriteAllBytes(cache.Path, bytes);
        Assert.Null(DecodedImageCache.TryOpen(cache.Path));
        DecodedImageCache.Ensure(dir["cache"], dir["tree"], "train", files, 12, 3, out bool rebuilt);
        Assert.True(rebuilt);

        long[] all = [.. Enumerable.Range(0, 12).Select(i => (long)i)];
        using var streaming = new StreamingBatchSource(cache, all, data.Classes, prefetch: 1);
        var streamed = streaming.Batches(5, CPU, shuffleSeed: 8).ToList();
        Assert.Equal([5L, 5, 2], streamed.Select(b => b.Labels.shape[0]));
        AssertColoursMatchLabels(streaming);
        using var everything = cat([.. streamed.Select(b => b.Labels)]);
        Assert.Equal([6L, 6], new[] { everything.eq(0).sum().item<long>(), everything.eq(1).sum().item<long>() });
    }
}

public sealed class StreamingToCudaTests
{
    [Devices.CudaFact]
    public void StreamedBatchesReachCudaThroughPinnedStagingUnchanged()
    {
        using var dir = new TempDirectory();
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < 6; i++)
                ImageFixtures.Write(dir[$"tree/c{c}/{i}.jpg"], c);
        using var data = DatasetCatalog.Read($"imagefolder:{dir["tree"]}");
        var cache = DecodedImageCache.Ensure(dir["cache"], dir["tree"], "train", (FileSplit)data.Split("train"), 12, 3, out _);
        long[] all = [.. Enumerable.Range(0, 12).Select(i => (long)i)];
        using var streaming = new StreamingBatchSource(cache, all, data.Classes, prefetch: 1);
        var cuda = new Device(TorchSharp.DeviceType.CUDA, 0);

        var onCpu = streaming.Batches(5, CPU, shuffleSeed: 8).ToList();
        var onCuda = streaming.Batches(5, cuda, shuffleSeed: 8).ToList();

        Assert.Equal(onCpu.Count, onCuda.Count);
        for (int i = 0; i < onCpu.Count; i++)
        {
            Assert.Equal(TorchSharp.DeviceType.CUDA, onCuda[i].Images.device.type);
            Assert.True(onCpu[i].Images.equal(onCuda[i].Images.cpu()).item<bool>());
            Assert.True(onCpu[i].Labels.equal(onCuda[i].Labels.cpu()).item<bool>());
        }
    }
}
