using System.Collections.Concurrent;
using static TorchSharp.torch;

namespace LossSearch.Learning.Data;

/// <summary>
/// A split too large to hold on the device: batches are read from its <see cref="DecodedImageCache"/>
/// file by a background task that stays <c>prefetch</c> batches ahead of the consumer. The reader writes
/// the pixels straight into the batch tensor (no managed copy); for a CUDA device it reads into one
/// reused host buffer and stages each batch in page-locked memory from libtorch's caching host allocator,
/// which hands the same blocks out again once their asynchronous copy to the device has finished.
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
        bool staged = device.type == TorchSharp.DeviceType.CUDA;
        using var queue = new BlockingCollection<(Tensor Pixels, long[] Labels)>(Math.Max(1, prefetch));
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() => Produce(order, batchSize, dropLast, staged, queue, stop.Token));
        try
        {
            foreach (var (pixels, labels) in queue.GetConsumingEnumerable())
            {
                var images = pixels;
                var targets = tensor(labels);
                if (device.type != TorchSharp.DeviceType.CPU)
                {
                    // From page-locked memory the copies run asynchronously; disposing the host tensors returns
                    // their blocks to the caching allocator, which reuses them only after the copy completes.
                    var (a, b) = (pixels.to(device, non_blocking: staged), targets.to(device));
                    pixels.Dispose();
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
            while (queue.TryTake(out var left)) left.Pixels.Dispose();
        }
    }

    private void Produce(long[] order, int batchSize, bool dropLast, bool staged, BlockingCollection<(Tensor, long[])> queue, CancellationToken stop)
    {
        long imageBytes = cache.ImageBytes;
        using var reused = staged ? empty([batchSize, Channels, Height, Width], ScalarType.Byte) : null;
        try
        {
            using var handle = File.OpenHandle(cache.Path);
            for (int start = 0; start < order.Length && !stop.IsCancellationRequested; start += batchSize)
            {
                int size = Math.Min(batchSize, order.Length - start);
                if (dropLast && size < batchSize) break;
                var pixels = reused is null ? empty([size, Channels, Height, Width], ScalarType.Byte) : reused.narrow(0, 0, size);
                var labels = new long[size];
                var bytes = pixels.bytes;
                for (int i = 0; i < size; i++)
                {
                    long index = order[start + i];
                    RandomAccess.Read(handle, bytes.Slice((int)(i * imageBytes), (int)imageBytes), cache.ImagesOffset + index * imageBytes);
                    labels[i] = _labels[index];
                }
                if (reused is not null)
                {
                    var pinned = pixels.pin_memory();
                    pixels.Dispose();
                    pixels = pinned;
                }
                try
                {
                    queue.Add((pixels, labels), stop);
                }
                catch (OperationCanceledException)
                {
                    pixels.Dispose();
                    throw;
                }
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
