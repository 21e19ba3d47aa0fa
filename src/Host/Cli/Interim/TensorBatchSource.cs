using LossSearch.Learning.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Host.Cli.Interim;

/// <summary>
/// Interim (until the data catalog is connected): a split held as uint8 [N, C, H, W] images and int64
/// labels, batched in a seeded permutation. Owns its tensors.
/// </summary>
internal sealed class TensorBatchSource(Tensor images, Tensor labels, IReadOnlyList<string> classes) : IBatchSource
{
    public long Count => images.shape[0];
    public IReadOnlyList<string> Classes => classes;
    public int Channels => (int)images.shape[1];
    public int Height => (int)images.shape[2];
    public int Width => (int)images.shape[3];

    public IEnumerable<(Tensor Images, Tensor Labels)> Batches(int batchSize, Device device, long? shuffleSeed = null, bool dropLast = false)
    {
        Tensor? order = null;
        if (shuffleSeed is long seed)
        {
            using var generator = new Generator((ulong)seed);
            order = torch.randperm(Count, generator: generator);
        }
        try
        {
            for (long start = 0; start < Count; start += batchSize)
            {
                long end = Math.Min(Count, start + batchSize);
                if (dropLast && end - start < batchSize) yield break;
                if (order is null)
                {
                    yield return (MoveTo(images.slice(0, start, end, 1), device), MoveTo(labels.slice(0, start, end, 1), device));
                    continue;
                }
                using var index = order.slice(0, start, end, 1);
                yield return (MoveTo(images.index_select(0, index), device), MoveTo(labels.index_select(0, index), device));
            }
        }
        finally
        {
            order?.Dispose();
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
}
