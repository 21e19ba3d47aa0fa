using static TorchSharp.torch;

namespace LossSearch.Learning.Data;

/// <summary>One split, served as batches on the training device.</summary>
public interface IBatchSource : IDisposable
{
    long Count { get; }
    IReadOnlyList<string> Classes { get; }
    int Channels { get; }
    int Height { get; }
    int Width { get; }

    /// <summary>
    /// Batches of (uint8 images [B, C, H, W], int64 labels [B]) on <paramref name="device"/>.
    /// With a <paramref name="shuffleSeed"/> the order is a seeded permutation (same seed, same order);
    /// without one, the stored order. The caller disposes each batch's tensors.
    /// </summary>
    IEnumerable<(Tensor Images, Tensor Labels)> Batches(int batchSize, Device device, long? shuffleSeed = null, bool dropLast = false);
}
