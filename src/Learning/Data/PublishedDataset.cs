namespace LossSearch.Learning.Data;

/// <summary>
/// A dataset as its files define it: class names and the published splits (e.g. train/test, or
/// train/val/test), each either decoded in memory or a list of image files still to decode.
/// </summary>
public sealed class PublishedDataset(string format, string source, IReadOnlyList<string> classes, IReadOnlyDictionary<string, PublishedSplit> splits) : IDisposable
{
    public string Format { get; } = format;
    /// <summary>Where it was read from (a directory, or the synthetic spec).</summary>
    public string Source { get; } = source;
    public IReadOnlyList<string> Classes { get; } = classes;
    public IReadOnlyDictionary<string, PublishedSplit> Splits { get; } = splits;

    public PublishedSplit Split(string name) => Splits.TryGetValue(name, out var split)
        ? split
        : throw new InvalidInputException($"{Format} at {Source}: no '{name}' split (it has {string.Join(", ", Splits.Keys)}).");

    public void Dispose()
    {
        foreach (var split in Splits.Values) split.Dispose();
    }
}

/// <summary>One published split: labels always, and either decoded images or image files.</summary>
public abstract class PublishedSplit : IDisposable
{
    public abstract long[] Labels { get; }
    public long Count => Labels.LongLength;

    public long[] Histogram(int classes)
    {
        var counts = new long[classes];
        foreach (var label in Labels) counts[label]++;
        return counts;
    }

    public virtual void Dispose() { }
}

/// <summary>A split already decoded: uint8 images in memory.</summary>
public sealed class DecodedSplit(ImageSet images) : PublishedSplit
{
    private long[]? _labels;
    public ImageSet Images { get; } = images;
    public override long[] Labels => _labels ??= Images.Labels.data<long>().ToArray();
    public override void Dispose() => Images.Dispose();
}

/// <summary>A split of image files (JPEG/PNG) with their labels, decoded through <see cref="DecodedImageCache"/>.</summary>
public sealed class FileSplit(IReadOnlyList<string> files, long[] labels) : PublishedSplit
{
    public IReadOnlyList<string> Files { get; } = files.Count == labels.Length ? files
        : throw new ArgumentException($"{files.Count} files but {labels.Length} labels");
    public override long[] Labels { get; } = labels;
}
