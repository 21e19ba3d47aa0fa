using LossSearch.Learning.Augment.Policies;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torchvision.transforms.functional;

namespace LossSearch.Learning.Tests.Augment;

/// <summary>
/// Each batched per-image op against TorchVision's per-image transform of the same op and magnitude,
/// on uint8 images: each image of the batch gets its own magnitude and is compared with TorchVision
/// applied to that image alone.
/// </summary>
public class PolicyOpsMatchTorchVisionTests
{
    private static Tensor Images(int count, int seed)
    {
        using var generator = new Generator((ulong)seed);
        // Half the images use a narrow value range so autocontrast and equalize have work to do.
        using var wide = randint(0, 256, [count / 2, 3, 32, 32], generator: generator);
        using var narrow = randint(40, 170, [count - count / 2, 3, 32, 32], generator: generator);
        using var all = cat([wide, narrow]);
        return all.to(ScalarType.Byte);
    }

    private static void AssertMatches(PolicyOp op, double[] magnitudes, Func<Tensor, double, Tensor> reference, int maxDifferentPixels = 0, float tolerance = 0)
    {
        using var scope = NewDisposeScope();
        var images = Images(magnitudes.Length, 7);
        var ours = PolicyOps.Apply(op, images.to(float32), magnitudes);
        for (int i = 0; i < magnitudes.Length; i++)
        {
            var expected = reference(images[i], magnitudes[i]).to(float32);
            var actual = ours[i];
            Assert.Equal(string.Join(",", actual.shape), string.Join(",", expected.shape));
            var different = (expected - actual).abs() > tolerance;
            long count = different.sum().item<long>();
            Assert.True(count <= maxDifferentPixels,
                $"{op} m={magnitudes[i]}: {count} of {expected.numel()} values differ from TorchVision (max |Δ| {(expected - actual).abs().max().item<float>()})");
        }
    }

    [Fact]
    public void ShearXMatches() => AssertMatches(PolicyOp.ShearX, [0.0, 0.1, -0.3, 0.99, -0.5],
        (img, m) => F.affine(img, shear: [(float)(180 / Math.PI * Math.Atan(m)), 0f], angle: 0, translate: [0, 0], scale: 1));

    [Fact]
    public void ShearYMatches() => AssertMatches(PolicyOp.ShearY, [0.05, -0.2, 0.3],
        (img, m) => F.affine(img, shear: [0f, (float)(180 / Math.PI * Math.Atan(m))], angle: 0, translate: [0, 0], scale: 1));

    [Fact]
    public void TranslateXMatches() => AssertMatches(PolicyOp.TranslateX, [0, 3.7, -14.5, 32],
        (img, m) => F.affine(img, shear: [0f, 0f], angle: 0, translate: [(int)m, 0], scale: 1));

    [Fact]
    public void TranslateYMatches() => AssertMatches(PolicyOp.TranslateY, [5, -9.9, 20],
        (img, m) => F.affine(img, shear: [0f, 0f], angle: 0, translate: [0, (int)m], scale: 1));

    [Fact]
    public void RotateMatches() => AssertMatches(PolicyOp.Rotate, [0, 30, -17.5, 90, 135],
        (img, m) => F.rotate(img, (float)m), maxDifferentPixels: 3 * 4);

    [Fact]
    public void BrightnessMatches() => AssertMatches(PolicyOp.Brightness, [-0.9, -0.3, 0.27, 0.9],
        (img, m) => F.adjust_brightness(img, 1 + m));

    [Fact]
    public void SharpnessMatches() => AssertMatches(PolicyOp.Sharpness, [-0.9, -0.5, 0.3, 0.99],
        (img, m) => F.adjust_sharpness(img, 1 + m));

    [Fact]
    public void PosterizeMatches() => AssertMatches(PolicyOp.Posterize, [8, 7, 6, 4, 2],
        (img, m) => F.posterize(img, (int)m));

    [Fact]
    public void SolarizeMatches() => AssertMatches(PolicyOp.Solarize, [255, 200, 128.5, 64, 0],
        (img, m) => F.solarize(img, m));

    [Fact]
    public void AutoContrastMatches() => AssertMatches(PolicyOp.AutoContrast, [0, 0, 0, 0],
        (img, _) => F.autocontrast(img));

    [Fact]
    public void EqualizeMatches() => AssertMatches(PolicyOp.Equalize, [0, 0, 0, 0],
        (img, _) => F.equalize(img));

    [Fact]
    public void InvertMatches() => AssertMatches(PolicyOp.Invert, [0, 0],
        (img, _) => F.invert(img));

    // TorchSharp 0.107's uint8 adjust_saturation/adjust_contrast blend a [0, 1] greyscale into 0–255
    // values, so these two are checked against its float path (image / 255), scaled back and truncated.
    // torchvision's uint8 path truncates the greyscale first, which moves a result by at most one level.
    [Fact]
    public void ColorMatches() => AssertMatches(PolicyOp.Color, [-0.9, -0.2, 0.5, 0.99],
        (img, m) => OnFloat(img, x => F.adjust_saturation(x, 1 + m)), tolerance: 1);

    [Fact]
    public void ContrastMatches() => AssertMatches(PolicyOp.Contrast, [-0.9, -0.2, 0.5, 0.99],
        (img, m) => OnFloat(img, x => F.adjust_contrast(x, 1 + m)), tolerance: 1);

    private static Tensor OnFloat(Tensor image, Func<Tensor, Tensor> op) =>
        op(image.to(float32) / 255).mul(255).clamp(0, 255).trunc();
}
