using LossSearch.Learning.Data.Formats;
using static TorchSharp.torch;

namespace LossSearch.Learning.Data;

/// <summary>
/// The one entry point from a dataset spec to data: <see cref="Read"/> gives the published splits
/// (for inspection), <see cref="Open"/> gives train/validation/test batch sources for training.
/// </summary>
public static class DatasetCatalog
{
    public static readonly IReadOnlyList<string> Formats =
        ["cifar10", "cifar100", "fashion-mnist", "mnist", "flowers102", "cars", "caltech101", "imagefolder", "synthetic"];

    public static PublishedDataset Read(string spec) => Read(DatasetSpec.Parse(spec));

    public static PublishedDataset Read(DatasetSpec spec)
    {
        DatasetSources.EnsureExists(spec);
        switch (spec.Format)
        {
            case "cifar10":
                spec.AllowOnly();
                return CifarReader.ReadCifar10(spec.Location);
            case "cifar100":
                spec.AllowOnly("labels");
                var labels = spec.Text("labels", "fine");
                if (labels is not ("fine" or "coarse"))
                    throw new InvalidInputException($"dataset spec cifar100: parameter 'labels={labels}' must be fine or coarse.");
                return CifarReader.ReadCifar100(spec.Location, coarse: labels == "coarse");
            case "fashion-mnist":
                spec.AllowOnly();
                return IdxReader.ReadMnistLike("fashion-mnist", spec.Location, IdxReader.FashionClasses);
            case "mnist":
                spec.AllowOnly();
                return IdxReader.ReadMnistLike("mnist", spec.Location, IdxReader.DigitClasses);
            case "flowers102":
                spec.AllowOnly();
                return Flowers102Reader.Read(spec.Location);
            case "cars":
                spec.AllowOnly();
                return StanfordCarsReader.Read(spec.Location);
            case "caltech101":
                spec.AllowOnly("train", "seed");
                return ImageFolderReader.ReadCaltech101(spec.Location, spec.Int("train", 30, min: 1), spec.Int("seed", 0));
            case "imagefolder":
                spec.AllowOnly();
                return ImageFolderReader.Read(spec.Location);
            case "synthetic":
                return SyntheticDataset.Generate(spec);
            default:
                throw new InvalidInputException($"dataset spec: unknown format '{spec.Format}' (known: {string.Join(", ", Formats)}).");
        }
    }

    /// <summary>Opens a dataset for training: splits as batch sources, validation carved or published.</summary>
    public static DatasetSplits Open(string spec, DatasetOptions? options = null, IProgress<string>? progress = null)
    {
        options ??= new DatasetOptions();
        var parsed = DatasetSpec.Parse(spec);
        using var published = Read(parsed);
        var storage = options.Device ?? CPU;
        var train = published.Split("train");
        var test = published.Splits.TryGetValue("test", out var t) ? t
            : throw new InvalidInputException($"{published.Format} at {published.Source}: no test split.");

        IBatchSource? validation = null;
        IBatchSource training;
        int carve = ValidationCount(parsed.Format, train.Count, options, published.Splits.ContainsKey("val"));
        var (trainIndices, validationIndices) = carve <= 0
            ? ([.. Enumerable.Range(0, (int)train.Count).Select(i => (long)i)], [])
            : options.ValidationFromEnd ? LastImages(train.Count, carve)
            : StratifiedSplit.Split(train.Labels, carve, options.SplitSeed);

        training = Source(published, "train", train, trainIndices, options, storage, progress);
        if (validationIndices.Length > 0)
            validation = Source(published, "train", train, validationIndices, options, storage, progress);
        else if (published.Splits.TryGetValue("val", out var val) && (options.ValidationCount ?? -1) != 0)
            validation = Source(published, "val", val, AllOf(val), options, storage, progress);
        var testing = Source(published, "test", test, AllOf(test), options, storage, progress);
        return new DatasetSplits(published.Format, training, validation, testing);
    }

    private static int ValidationCount(string format, long trainCount, DatasetOptions options, bool publishedValidation)
    {
        if (options.ValidationCount is int count) return count;
        if (options.ValidationFraction is double fraction)
        {
            if (fraction is < 0 or >= 1)
                throw new InvalidInputException($"validation fraction {fraction} must be in [0, 1).");
            return (int)Math.Round(fraction * trainCount);
        }
        return format is "cifar10" or "cifar100" && !publishedValidation ? 5000 : 0;
    }

    private static (long[] Train, long[] Validation) LastImages(long count, int carve)
    {
        if (carve >= count)
            throw new InvalidInputException($"validation count {carve} must be below the training split's {count} images.");
        return ([.. Enumerable.Range(0, (int)(count - carve)).Select(i => (long)i)], [.. Enumerable.Range((int)(count - carve), carve).Select(i => (long)i)]);
    }

    private static long[] AllOf(PublishedSplit split) => [.. Enumerable.Range(0, (int)split.Count).Select(i => (long)i)];

    private static IBatchSource Source(PublishedDataset published, string splitName, PublishedSplit split, long[] indices, DatasetOptions options, Device storage, IProgress<string>? progress)
    {
        switch (split)
        {
            case DecodedSplit decoded:
            {
                using var index = tensor(indices);
                var subset = new ImageSet(decoded.Images.Images.index_select(0, index), decoded.Images.Labels.index_select(0, index), published.Classes);
                return new InMemoryBatchSource(subset, storage);
            }
            case FileSplit files:
            {
                int size = options.ImageSize ?? DatasetOptions.DefaultImageSize;
                progress?.Report($"decoding {published.Format} {splitName} ({files.Count} images at {size}px) into {options.CacheDirectory}");
                var cache = DecodedImageCache.Ensure(options.CacheDirectory, published.Source, splitName, files, size, 3, out _);
                long bytes = indices.LongLength * cache.ImageBytes;
                var streaming = new StreamingBatchSource(cache, indices, published.Classes);
                if (bytes > options.InMemoryLimitBytes) return streaming;
                var (images, labels) = streaming.Batches(indices.Length, CPU).Single();
                return new InMemoryBatchSource(new ImageSet(images, labels, published.Classes), storage);
            }
            default:
                throw new InvalidOperationException($"unknown split kind {split.GetType().Name}");
        }
    }
}
