using System.Collections.Concurrent;
using static TorchSharp.torch;

namespace LossSearch.Learning.Data;

/// <summary>
/// A split too large to hold on the device: batches are read from its <see cref="DecodedImageCache"/>
/// file by a background task that stays <c>prefetch</c> batches ahead of the consumer.
/// </summary>
public sealed class StreamingBatchSource(DecodedImageCache.CacheFile cache, long[] indices, IReadOnlyList<string> classes, int prefetch = 3) : IBatchSource
{
    private readonly long[] _labels = cache.ReadLabels();

    public long Count => indices.LongLength;
    public IReadOnlyList<string> Classes { get; } = classes;
    public int Channels => cache.Header.Channels;
    public int Height => cache.Header.Height;
    public int Width => cache.Header.Width;

    public IEnumerable<(Tensor Images, Tensor Labels)> Batches(int batchSize, Device device, long? shuffleSeed = null, bool dropLast = false)
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be positive");
        long[] order;
        using (var permutation = BatchOrder.Permutation(Count, shuffleSeed, CPU))
            order = [.. permutation.data<long>().Select(i => indices[i])];
        using var queue = new BlockingCollection<(byte[] Pixels, long[] Labels)>(Math.Max(1, prefetch));
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() => Produce(order, batchSize, dropLast, queue, stop.Token));
        try
        {
            foreach (var (pixels, labels) in queue.GetConsumingEnumerable())
            {
                var images = tensor(pixels, [labels.Length, Channels, Height, Width], ScalarType.Byte);
                var targets = tensor(labels);
                if (device.type != TorchSharp.DeviceType.CPU)
                {
                    var (a, b) = (images.to(device), targets.to(device));
                    images.Dispose();
                    targets.Dispose();
                    (images, targets) = (a, b);
                }
                yield return (images, targets);
            }
            reader.GetAwaiter().GetResult();
        }
        finally
        {
            stop.Cancel();
            try { reader.Wait(); } catch (AggregateException) { }
        }
    }

    private void Produce(long[] order, int batchSize, bool dropLast, BlockingCollection<(byte[], long[])> queue, CancellationToken stop)
    {
        try
        {
            using var handle = File.OpenHandle(cache.Path);
            long imageBytes = cache.ImageBytes;
            for (int start = 0; start < order.Length && !stop.IsCancellationRequested; start += batchSize)
            {
                int size = Math.Min(batchSize, order.Length - start);
                if (dropLast && size < batchSize) break;
                var pixels = new byte[size * imageBytes];
                var labels = new long[size];
                for (int i = 0; i < size; i++)
                {
                    long index = order[start + i];
                    RandomAccess.Read(handle, pixels.AsSpan((int)(i * imageBytes), (int)imageBytes), cache.ImagesOffset + index * imageBytes);
                    labels[i] = _labels[index];
                }
                queue.Add((pixels, labels), stop);
            }
        }
        catch (OperationCanceledException) { }
        finally
        {
            queue.CompleteAdding();
        }
    }

    public void Dispose() { }
}
