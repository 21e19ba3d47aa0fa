using static TorchSharp.torch;

namespace LossSearch.Learning.Augment.Ops;

/// <summary>
/// Colour operations with torchvision's uint8 semantics, each image with its own factor. Images are
/// float [N, C, H, W] holding uint8 values; every result holds uint8 values again (blends are clamped
/// and truncated, as <c>.to(uint8)</c> truncates in torchvision).
/// </summary>
public static class ColorOps
{
    /// <summary>x·f, i.e. a blend with black.</summary>
    public static Tensor Brightness(Tensor images, double[] factors)
    {
        using var zero = zeros(1, device: images.device);
        return Blend(images, zero, factors);
    }

    /// <summary>Saturation: a blend with the image's (truncated) greyscale.</summary>
    public static Tensor Color(Tensor images, double[] factors)
    {
        if (images.shape[1] == 1) return images.clone(); // greyscale has no saturation to change
        using var grey = Greyscale(images);
        return Blend(images, grey, factors);
    }

    /// <summary>A blend with the mean of the (truncated) greyscale image.</summary>
    public static Tensor Contrast(Tensor images, double[] factors)
    {
        using var grey = Greyscale(images);
        using var mean = grey.mean([1, 2, 3], keepdim: true);
        return Blend(images, mean, factors);
    }

    /// <summary>A blend with the image smoothed by the 3×3 kernel [1 1 1; 1 5 1; 1 1 1]/13 (border pixels kept).</summary>
    public static Tensor Sharpness(Tensor images, double[] factors)
    {
        using var scope = NewDisposeScope();
        long channels = images.shape[1];
        if (images.shape[2] <= 2 || images.shape[3] <= 2) return images.clone().MoveToOuterDisposeScope();
        var kernel = ones(3, 3, device: images.device);
        kernel[1, 1].fill_(5);
        kernel = (kernel / 13).expand(channels, 1, 3, 3);
        var smooth = nn.functional.conv2d(images, kernel, groups: channels).round_();
        var degenerate = images.clone();
        degenerate[TensorIndex.Ellipsis, TensorIndex.Slice(1, -1), TensorIndex.Slice(1, -1)] = smooth;
        return Blend(images, degenerate, factors).MoveToOuterDisposeScope();
    }

    /// <summary>Keeps the top <c>bits</c> bits of each value.</summary>
    public static Tensor Posterize(Tensor images, double[] bits)
    {
        using var step = Column(bits.Select(b => Math.Pow(2, 8 - (int)b)).ToArray(), images.device);
        var steps = images.div(step, rounding_mode: RoundingMode.floor);
        return steps.mul_(step);
    }

    /// <summary>Inverts values at or above the threshold.</summary>
    public static Tensor Solarize(Tensor images, double[] thresholds)
    {
        using var threshold = Column(thresholds, images.device);
        using var above = images >= threshold;
        using var inverted = 255 - images;
        return where(above, inverted, images);
    }

    public static Tensor Invert(Tensor images) => 255 - images;

    /// <summary>Stretches each channel to [0, 255]; constant channels are left as they are.</summary>
    public static Tensor AutoContrast(Tensor images)
    {
        using var scope = NewDisposeScope();
        var minimum = images.amin([2, 3], keepdim: true);
        var maximum = images.amax([2, 3], keepdim: true);
        var constant = minimum == maximum;
        minimum = where(constant, zeros_like(minimum), minimum);
        maximum = where(constant, full_like(maximum, 255), maximum);
        var scale = 255 / (maximum - minimum);
        return ((images - minimum) * scale).clamp_(0, 255).trunc_().MoveToOuterDisposeScope();
    }

    /// <summary>ITU-R 601-2 luma truncated to integers, [N, 1, H, W]; a one-channel image is its own greyscale.</summary>
    internal static Tensor Greyscale(Tensor images)
    {
        if (images.shape[1] == 1) return images.alias();
        using var r = images[TensorIndex.Colon, 0];
        using var g = images[TensorIndex.Colon, 1];
        using var b = images[TensorIndex.Colon, 2];
        using var luma = r * 0.2989f + g * 0.587f + b * 0.114f;
        return luma.trunc_().unsqueeze(1);
    }

    /// <summary>clamp(f·x + (1 − f)·other, 0, 255), truncated.</summary>
    private static Tensor Blend(Tensor images, Tensor other, double[] factors)
    {
        using var scope = NewDisposeScope();
        // 1 − f is formed in double, as torchvision forms it from a Python float.
        var f = Column(factors, images.device);
        var complement = Column([.. factors.Select(v => 1 - v)], images.device);
        return (images * f + other * complement).clamp_(0, 255).trunc_().MoveToOuterDisposeScope();
    }

    internal static Tensor Column(double[] values, Device device) =>
        tensor(values.Select(v => (float)v).ToArray(), [values.Length, 1, 1, 1], float32).to(device);
}
