namespace LossSearch.Learning.Augment.Policies;

/// <summary>An op's magnitude bins (torchvision's <c>_augmentation_space</c> entries) and whether the sign is drawn.</summary>
public sealed record OpRange(PolicyOp Op, double[] Bins, bool Signed)
{
    public double At(int bin) => Bins.Length == 0 ? 0 : Bins[bin];
}

/// <summary>The magnitude tables of the four policy-based techniques, as torchvision defines them.</summary>
public static class MagnitudeSpace
{
    /// <summary>RandAugment (and AutoAugment with 10 bins; AutoAugment also has Invert).</summary>
    public static OpRange[] RandAugment(int bins, int height, int width, bool withIdentity = true, bool withInvert = false)
    {
        var ops = new List<OpRange>();
        if (withIdentity) ops.Add(new(PolicyOp.Identity, [], false));
        ops.AddRange(
        [
            new(PolicyOp.ShearX, Linspace(0, 0.3, bins), true),
            new(PolicyOp.ShearY, Linspace(0, 0.3, bins), true),
            new(PolicyOp.TranslateX, Linspace(0, 150.0 / 331.0 * width, bins), true),
            new(PolicyOp.TranslateY, Linspace(0, 150.0 / 331.0 * height, bins), true),
            new(PolicyOp.Rotate, Linspace(0, 30, bins), true),
            new(PolicyOp.Brightness, Linspace(0, 0.9, bins), true),
            new(PolicyOp.Color, Linspace(0, 0.9, bins), true),
            new(PolicyOp.Contrast, Linspace(0, 0.9, bins), true),
            new(PolicyOp.Sharpness, Linspace(0, 0.9, bins), true),
            new(PolicyOp.Posterize, PosterizeBits(bins, 8, 4), false),
            new(PolicyOp.Solarize, Linspace(255, 0, bins), false),
            new(PolicyOp.AutoContrast, [], false),
            new(PolicyOp.Equalize, [], false),
        ]);
        if (withInvert) ops.Add(new(PolicyOp.Invert, [], false));
        return [.. ops];
    }

    /// <summary>TrivialAugmentWide's wider ranges.</summary>
    public static OpRange[] TrivialAugmentWide(int bins) =>
    [
        new(PolicyOp.Identity, [], false),
        new(PolicyOp.ShearX, Linspace(0, 0.99, bins), true),
        new(PolicyOp.ShearY, Linspace(0, 0.99, bins), true),
        new(PolicyOp.TranslateX, Linspace(0, 32, bins), true),
        new(PolicyOp.TranslateY, Linspace(0, 32, bins), true),
        new(PolicyOp.Rotate, Linspace(0, 135, bins), true),
        new(PolicyOp.Brightness, Linspace(0, 0.99, bins), true),
        new(PolicyOp.Color, Linspace(0, 0.99, bins), true),
        new(PolicyOp.Contrast, Linspace(0, 0.99, bins), true),
        new(PolicyOp.Sharpness, Linspace(0, 0.99, bins), true),
        new(PolicyOp.Posterize, PosterizeBits(bins, 8, 6), false),
        new(PolicyOp.Solarize, Linspace(255, 0, bins), false),
        new(PolicyOp.AutoContrast, [], false),
        new(PolicyOp.Equalize, [], false),
    ];

    /// <summary>AugMix's ops (all_ops), 10 magnitude levels of which the first <c>severity</c> are drawn.</summary>
    public static OpRange[] AugMix(int height, int width) =>
    [
        new(PolicyOp.ShearX, Linspace(0, 0.3, 10), true),
        new(PolicyOp.ShearY, Linspace(0, 0.3, 10), true),
        new(PolicyOp.TranslateX, Linspace(0, width / 3.0, 10), true),
        new(PolicyOp.TranslateY, Linspace(0, height / 3.0, 10), true),
        new(PolicyOp.Rotate, Linspace(0, 30, 10), true),
        new(PolicyOp.Posterize, PosterizeBits(10, 4, 4), false),
        new(PolicyOp.Solarize, Linspace(255, 0, 10), false),
        new(PolicyOp.AutoContrast, [], false),
        new(PolicyOp.Equalize, [], false),
        new(PolicyOp.Brightness, Linspace(0, 0.9, 10), true),
        new(PolicyOp.Color, Linspace(0, 0.9, 10), true),
        new(PolicyOp.Contrast, Linspace(0, 0.9, 10), true),
        new(PolicyOp.Sharpness, Linspace(0, 0.9, 10), true),
    ];

    internal static double[] Linspace(double start, double end, int steps) =>
        steps == 1 ? [start] : [.. Enumerable.Range(0, steps).Select(i => (float)(start + (end - start) * i / (steps - 1)))];

    /// <summary>top − round(i / ((bins − 1) / levels)) for bin i (round half to even, as torch.round).</summary>
    private static double[] PosterizeBits(int bins, int top, int levels) =>
        [.. Enumerable.Range(0, bins).Select(i => top - Math.Round(i / ((bins - 1) / (double)levels), MidpointRounding.ToEven))];
}
