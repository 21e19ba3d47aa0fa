using static TorchSharp.torch;

namespace LossSearch.Learning.Data;

/// <summary>How <see cref="DatasetCatalog.Open"/> prepares a dataset for training.</summary>
public sealed record DatasetOptions
{
    /// <summary>
    /// Images carved from the training split for validation (stratified, seeded). Null: the format's
    /// default (5,000 for CIFAR, as published; none otherwise). 0: none. A published val split
    /// (Flowers-102, imagefolder's val/) is used as is instead.
    /// </summary>
    public int? ValidationCount { get; init; }

    /// <summary>Alternative to <see cref="ValidationCount"/>: a fraction of the training split.</summary>
    public double? ValidationFraction { get; init; }

    public int SplitSeed { get; init; }

    /// <summary>Carve validation as the last images of the training split in stored order (the predecessor's 45k/5k CIFAR split) instead of stratified.</summary>
    public bool ValidationFromEnd { get; init; }

    /// <summary>Side of the square images that image-file datasets are decoded to. Default 224.</summary>
    public int? ImageSize { get; init; }

    /// <summary>Where in-memory splits live (the training device). Default CPU.</summary>
    public Device? Device { get; init; }

    /// <summary>Where decoded-and-resized caches go. Default <c>data/cache</c>.</summary>
    public string CacheDirectory { get; init; } = Path.Combine("data", "cache");

    /// <summary>Decoded image-file splits larger than this stream from their cache instead of sitting on the device.</summary>
    public long InMemoryLimitBytes { get; init; } = 1536L << 20;

    public const int DefaultImageSize = 224;
}
