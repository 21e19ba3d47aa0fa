using static TorchSharp.torch;

namespace LossSearch.Learning.Augment;

/// <summary>
/// A technique on top of the standard crop and flip: checks the batch, draws the crop/flip, then lets
/// the technique transform the uint8 crop (each subclass implements <see cref="Transform"/>).
/// </summary>
public abstract class Technique(CropFlip cropFlip) : IBatchAugmentation
{
    public abstract string Name { get; }
    public CropFlip CropFlip { get; } = cropFlip;

    public AugmentedBatch Apply(Tensor images, Tensor labels, int classes, Generator generator)
    {
        if (images.dtype != ScalarType.Byte || images.dim() != 4)
            throw new ArgumentException($"{Name}: images must be uint8 [B, C, H, W], got {images.dtype} [{string.Join(", ", images.shape)}]");
        if (labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"{Name}: labels must be [{images.shape[0]}], got [{string.Join(", ", labels.shape)}]");
        var draws = new RandomDraws(generator);
        using var cropped = CropFlip.Apply(images, draws);
        using var scope = NewDisposeScope();
        var (augmented, targets) = Transform(cropped, labels, classes, draws);
        return new AugmentedBatch(augmented.MoveToOuterDisposeScope(), targets.MoveToOuterDisposeScope());
    }

    /// <summary><paramref name="images"/>: uint8 [B, C, H, W] after crop/flip. Returns float [0, 1] images and soft targets.</summary>
    protected abstract (Tensor Images, Tensor Targets) Transform(Tensor images, Tensor labels, int classes, RandomDraws draws);
}

/// <summary><c>baseline</c>: crop and flip only.</summary>
public sealed class Baseline(CropFlip cropFlip) : Technique(cropFlip)
{
    public override string Name => "baseline";

    protected override (Tensor, Tensor) Transform(Tensor images, Tensor labels, int classes, RandomDraws draws) =>
        (Targets.ToUnit(images), Targets.OneHot(labels, classes));
}

/// <summary><c>none</c>: the images as they are (scaled to [0, 1]) with one-hot targets; no crop, no flip.</summary>
public sealed class Unaugmented() : Technique(new CropFlip(Padding: 0, Flip: false))
{
    public override string Name => "none";

    protected override (Tensor, Tensor) Transform(Tensor images, Tensor labels, int classes, RandomDraws draws) =>
        (Targets.ToUnit(images), Targets.OneHot(labels, classes));
}
