using static TorchSharp.torch;

namespace LossSearch.Learning.Data;

/// <summary>
/// A split held whole on one device as uint8 (a small dataset on the training GPU takes tens of MB).
/// Batches are gathered with <c>index_select</c> from a seeded permutation: no per-sample copies.
/// </summary>
public sealed class InMemoryBatchSource : IBatchSource
{
    private readonly ImageSet _set;

    /// <summary>Takes ownership of <paramref name="set"/>, moving it to <paramref name="storage"/> first.</summary>
    public InMemoryBatchSource(ImageSet set, Device storage)
    {
        if (set.Images.device == storage)
        {
            _set = set;
            return;
        }
        _set = new ImageSet(set.Images.to(storage), set.Labels.to(storage), set.Classes);
        set.Dispose();
    }

    public ImageSet Set => _set;
    public long Count => _set.Count;
    public IReadOnlyList<string> Classes => _set.Classes;
    public int Channels => _set.Channels;
    public int Height => _set.Height;
    public int Width => _set.Width;

    public IEnumerable<(Tensor Images, Tensor Labels)> Batches(int batchSize, Device device, long? shuffleSeed = null, bool dropLast = false)
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be positive");
        var storage = _set.Images.device;
        using var order = BatchOrder.Permutation(Count, shuffleSeed, storage);
        for (long start = 0; start < Count; start += batchSize)
        {
            long end = Math.Min(Count, start + batchSize);
            if (dropLast && end - start < batchSize) yield break;
            Tensor images, labels;
            using (var index = order.slice(0, start, end, 1))
            {
                images = _set.Images.index_select(0, index);
                labels = _set.Labels.index_select(0, index);
            }
            if (images.device != device)
            {
                var (onDevice, labelsOnDevice) = (images.to(device, non_blocking: true), labels.to(device, non_blocking: true));
                images.Dispose();
                labels.Dispose();
                (images, labels) = (onDevice, labelsOnDevice);
            }
            yield return (images, labels);
        }
    }

    public void Dispose() => _set.Dispose();
}

/// <summary>The visiting order of a split: stored order, or a seeded permutation (same seed, same order on any device).</summary>
internal static class BatchOrder
{
    public static Tensor Permutation(long count, long? seed, Device device)
    {
        if (seed is null) return arange(count, dtype: ScalarType.Int64, device: device);
        using var generator = Runtime.DevicePlacement.NewHostGenerator((ulong)seed.Value);
        using var cpu = randperm(count, generator: generator);
        return cpu.to(device);
    }
}
