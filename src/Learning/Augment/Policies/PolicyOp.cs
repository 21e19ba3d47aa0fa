using LossSearch.Learning.Augment.Ops;
using static TorchSharp.torch;

namespace LossSearch.Learning.Augment.Policies;

/// <summary>The per-image operations that AutoAugment, RandAugment, TrivialAugmentWide and AugMix choose from.</summary>
public enum PolicyOp
{
    Identity, ShearX, ShearY, TranslateX, TranslateY, Rotate, Brightness, Color, Contrast, Sharpness,
    Posterize, Solarize, AutoContrast, Equalize, Invert,
}

public static class PolicyOps
{
    /// <summary>
    /// Applies <paramref name="op"/> with one magnitude per image (the signed magnitude of torchvision's
    /// <c>_apply_op</c>: shear factor, pixels, degrees, enhance delta with factor 1 + m, bits, threshold).
    /// </summary>
    public static Tensor Apply(PolicyOp op, Tensor images, double[] magnitudes) => op switch
    {
        PolicyOp.Identity => images.clone(),
        PolicyOp.ShearX => GeometricOps.ShearX(images, magnitudes),
        PolicyOp.ShearY => GeometricOps.ShearY(images, magnitudes),
        PolicyOp.TranslateX => GeometricOps.TranslateX(images, magnitudes),
        PolicyOp.TranslateY => GeometricOps.TranslateY(images, magnitudes),
        PolicyOp.Rotate => GeometricOps.Rotate(images, magnitudes),
        PolicyOp.Brightness => ColorOps.Brightness(images, OnePlus(magnitudes)),
        PolicyOp.Color => ColorOps.Color(images, OnePlus(magnitudes)),
        PolicyOp.Contrast => ColorOps.Contrast(images, OnePlus(magnitudes)),
        PolicyOp.Sharpness => ColorOps.Sharpness(images, OnePlus(magnitudes)),
        PolicyOp.Posterize => ColorOps.Posterize(images, magnitudes),
        PolicyOp.Solarize => ColorOps.Solarize(images, magnitudes),
        PolicyOp.AutoContrast => ColorOps.AutoContrast(images),
        PolicyOp.Equalize => HistogramOps.Equalize(images),
        PolicyOp.Invert => ColorOps.Invert(images),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>
    /// Applies a different op to each image where <paramref name="apply"/> is set, batching the
    /// images that share an op. Returns a new tensor; images not selected are copied unchanged.
    /// </summary>
    public static Tensor ApplyPerImage(Tensor images, PolicyOp[] ops, double[] magnitudes, bool[]? apply = null)
    {
        var result = images.clone();
        foreach (var group in Enumerable.Range(0, ops.Length).Where(i => apply?[i] ?? true).GroupBy(i => ops[i]))
        {
            if (group.Key == PolicyOp.Identity) continue;
            var members = group.Select(i => (long)i).ToArray();
            using var index = tensor(members).to(images.device);
            using var subset = images.index_select(0, index);
            using var changed = Apply(group.Key, subset, [.. members.Select(i => magnitudes[i])]);
            result.index_copy_(0, index, changed);
        }
        return result;
    }

    private static double[] OnePlus(double[] magnitudes) => [.. magnitudes.Select(m => 1 + m)];
}
