using static TorchSharp.torch;

namespace LossSearch.Learning.Augment.Ops;

/// <summary>
/// Histogram equalisation of each channel of each image at once, with torchvision's rule: step =
/// ⌊(pixels − count of the brightest value) / 255⌋, lut[v] = ⌊(cdf[v−1] + ⌊step/2⌋) / step⌋, identity when step is 0.
/// </summary>
public static class HistogramOps
{
    public static Tensor Equalize(Tensor images)
    {
        using var scope = NewDisposeScope();
        long n = images.shape[0], channels = images.shape[1], pixels = images.shape[2] * images.shape[3];
        var values = images.reshape(n * channels, pixels).to(int64);
        var histogram = zeros(n * channels, 256, dtype: float32, device: images.device)
            .scatter_add_(1, values, ones(n * channels, pixels, dtype: float32, device: images.device));
        var brightest = values.amax([1], keepdim: true);
        var step = (pixels - histogram.gather(1, brightest)).div_(255, rounding_mode: RoundingMode.floor);
        var safeStep = where(step == 0, ones_like(step), step);
        var cumulative = histogram.cumsum(1);
        var shifted = cat([zeros(n * channels, 1, device: images.device), cumulative[TensorIndex.Colon, TensorIndex.Slice(0, 255)]], 1);
        var lut = (shifted + step.div(2, rounding_mode: RoundingMode.floor)).div_(safeStep, rounding_mode: RoundingMode.floor).clamp_(0, 255);
        var mapped = lut.gather(1, values);
        var result = where(step == 0, values.to(float32), mapped);
        return result.view(n, channels, images.shape[2], images.shape[3]).MoveToOuterDisposeScope();
    }
}
