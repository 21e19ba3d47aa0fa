using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace LossSearch.Learning.Augment.Ops;

/// <summary>
/// Shear, translate and rotate about the image centre with nearest-neighbour sampling and zero fill,
/// each image with its own parameter, as torchvision's tensor <c>affine</c>/<c>rotate</c> do it for one
/// image: inverse affine matrix, sampling grid at pixel centres, <c>grid_sample</c>, rounding.
/// Images are float [N, C, H, W] holding uint8 values.
/// </summary>
public static class GeometricOps
{
    /// <summary>Shear along x by angle atan(m) (m is the shear factor, as AutoAugment's ShearX).</summary>
    public static Tensor ShearX(Tensor images, double[] factors) =>
        Warp(images, [.. factors.Select(m => InverseAffine(0, 0, 0, Math.Atan(m), 0))]);

    public static Tensor ShearY(Tensor images, double[] factors) =>
        Warp(images, [.. factors.Select(m => InverseAffine(0, 0, 0, 0, Math.Atan(m)))]);

    /// <summary>Translation by whole pixels (torchvision truncates the magnitude to int).</summary>
    public static Tensor TranslateX(Tensor images, double[] pixels) =>
        Warp(images, [.. pixels.Select(m => InverseAffine(0, Math.Truncate(m), 0, 0, 0))]);

    public static Tensor TranslateY(Tensor images, double[] pixels) =>
        Warp(images, [.. pixels.Select(m => InverseAffine(0, 0, Math.Truncate(m), 0, 0))]);

    /// <summary>Counter-clockwise rotation by <paramref name="degrees"/>.</summary>
    public static Tensor Rotate(Tensor images, double[] degrees) =>
        Warp(images, [.. degrees.Select(d => InverseAffine(-d * Math.PI / 180, 0, 0, 0, 0))]);

    /// <summary>
    /// The inverse of rotation (radians, clockwise in image coordinates) ∘ shear (radians) ∘ translation,
    /// about the centre, as a 2×3 row-major matrix mapping output to input coordinates.
    /// </summary>
    private static double[] InverseAffine(double rotation, double tx, double ty, double shearX, double shearY)
    {
        double a = Math.Cos(rotation - shearY) / Math.Cos(shearY);
        double b = -Math.Cos(rotation - shearY) * Math.Tan(shearX) / Math.Cos(shearY) - Math.Sin(rotation);
        double c = Math.Sin(rotation - shearY) / Math.Cos(shearY);
        double d = -Math.Sin(rotation - shearY) * Math.Tan(shearX) / Math.Cos(shearY) + Math.Cos(rotation);
        var m = new[] { d, -b, 0.0, -c, a, 0.0 };
        m[2] += m[0] * -tx + m[1] * -ty;
        m[5] += m[3] * -tx + m[4] * -ty;
        return m;
    }

    private static Tensor Warp(Tensor images, double[][] matrices)
    {
        using var scope = NewDisposeScope();
        long n = images.shape[0], height = images.shape[2], width = images.shape[3];
        var theta = tensor(matrices.SelectMany(m => m.Select(v => (float)v)).ToArray(), [n, 2, 3], float32).to(images.device);
        var xs = linspace(-width * 0.5 + 0.5, width * 0.5 - 0.5, width, dtype: float32, device: images.device);
        var ys = linspace(-height * 0.5 + 0.5, height * 0.5 - 0.5, height, dtype: float32, device: images.device);
        var baseGrid = stack([xs.view(1, width).expand(height, width), ys.view(height, 1).expand(height, width), ones(height, width, device: images.device)], -1)
            .view(1, height * width, 3).expand(n, -1, -1);
        var scale = tensor(new float[] { 0.5f * width, 0.5f * height }, device: images.device);
        var grid = baseGrid.bmm(theta.transpose(1, 2) / scale).view(n, height, width, 2);
        var warped = grid_sample(images, grid, mode: GridSampleMode.Nearest, padding_mode: GridSamplePaddingMode.Zeros, align_corners: false);
        return warped.round_().MoveToOuterDisposeScope();
    }
}
