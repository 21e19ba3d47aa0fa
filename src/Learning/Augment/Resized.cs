using static TorchSharp.torch;

namespace LossSearch.Learning.Augment;

/// <summary>
/// Resizes each uint8 batch to <paramref name="size"/>² (bilinear, rounded back to uint8) before the
/// technique runs, as the predecessor's pipelines resized before augmenting (32×32 for its pre-gate,
/// 80×80 for its full fitness). The spec parameter is <c>resize=S</c> on any technique.
/// </summary>
public sealed class Resized(IBatchAugmentation inner, int size) : IBatchAugmentation
{
    public string Name => inner.Name;
    public int Size => size;

    public AugmentedBatch Apply(Tensor images, Tensor labels, int classes, Generator generator)
    {
        if (images.shape[2] == size && images.shape[3] == size) return inner.Apply(images, labels, classes, generator);
        using var scope = NewDisposeScope();
        var resized = nn.functional.interpolate(images.to(ScalarType.Float32), [size, size], mode: InterpolationMode.Bilinear, align_corners: false)
            .round_().clamp_(0, 255).to(ScalarType.Byte);
        var batch = inner.Apply(resized, labels, classes, generator);
        batch.Images.MoveToOuterDisposeScope();
        batch.Targets.MoveToOuterDisposeScope();
        return batch;
    }
}
