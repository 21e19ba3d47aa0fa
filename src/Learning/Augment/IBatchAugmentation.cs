using static TorchSharp.torch;

namespace LossSearch.Learning.Augment;

/// <summary>
/// An augmentation technique applied to a whole batch in one call, on the batch's device, each
/// image with its own random draw from <paramref name="generator"/>.
/// </summary>
public interface IBatchAugmentation
{
    /// <summary>The name used in specs and workflow inputs, e.g. <c>cutmix</c>.</summary>
    string Name { get; }

    /// <summary>
    /// <paramref name="images"/>: uint8 [B, C, H, W]; <paramref name="labels"/>: int64 [B].
    /// Returns float32 images in [0, 1] and float32 targets [B, classes] whose rows sum to 1
    /// (one-hot unless the technique mixes labels).
    /// </summary>
    AugmentedBatch Apply(Tensor images, Tensor labels, int classes, Generator generator);
}

public sealed record AugmentedBatch(Tensor Images, Tensor Targets) : IDisposable
{
    public void Dispose()
    {
        Images.Dispose();
        Targets.Dispose();
    }
}
