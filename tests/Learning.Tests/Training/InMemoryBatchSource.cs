using LossSearch.Learning.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Training;

/// <summary>
/// Test helper: a split held as tensors, batched like the real readers (seeded permutation, drop-last).
/// <see cref="Learnable"/> draws images as a per-class prototype plus noise, so a CNN can learn it in a few steps.
/// </summary>
internal sealed class InMemoryBatchSource(Tensor images, Tensor labels, int classes) : IBatchSource
{
    public long Count => images.shape[0];
    public IReadOnlyList<string> Classes { get; } = Enumerable.Range(0, classes).Select(i => $"class{i}").ToList();
    public int Channels => (int)images.shape[1];
    public int Height => (int)images.shape[2];
    public int Width => (int)images.shape[3];

    public IEnumerable<(Tensor Images, Tensor Labels)> Batches(int batchSize, Device device, long? shuffleSeed = null, bool dropLast = false)
    {
        using var order = shuffleSeed is long seed
            ? torch.randperm(Count, generator: new Generator((ulong)seed))
            : torch.arange(Count);
        for (long start = 0; start < Count; start += batchSize)
        {
            long end = Math.Min(Count, start + batchSize);
            if (dropLast && end - start < batchSize) yield break;
            using var index = order.slice(0, start, end, 1);
            yield return (MoveTo(images.index_select(0, index), device), MoveTo(labels.index_select(0, index), device));
        }
    }

    private static Tensor MoveTo(Tensor tensor, Device device)
    {
        if (tensor.device_type == device.type && tensor.device_index == device.index) return tensor;
        var moved = tensor.to(device);
        tensor.Dispose();
        return moved;
    }

    public void Dispose()
    {
        images.Dispose();
        labels.Dispose();
    }

    public static DatasetSplits Learnable(int classes = 4, int train = 256, int test = 128, int channels = 1, int size = 12, long seed = 7)
    {
        using var generator = new Generator((ulong)seed);
        var prototypes = torch.rand([classes, channels, size, size], generator: generator).mul_(160);
        InMemoryBatchSource Split(int count)
        {
            var labels = torch.randint(0, classes, [count], generator: generator);
            var noise = torch.rand([count, channels, size, size], generator: generator).mul_(95);
            var images = prototypes.index_select(0, labels).add_(noise).to(ScalarType.Byte);
            noise.Dispose();
            return new InMemoryBatchSource(images, labels, classes);
        }
        return new DatasetSplits("learnable", Split(train), null, Split(test));
    }
}
