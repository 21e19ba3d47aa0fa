using static TorchSharp.torch;

namespace LossSearch.Learning.Training;

/// <summary>What happens to a batch between the augmentation and the model: normalisation and label smoothing.</summary>
public static class InputPreparation
{
    /// <summary>(x − mean) / std per channel; the input as is without normalisation.</summary>
    public static Tensor ToModelInput(Tensor images, InputNormalization? normalization)
    {
        if (normalization is null) return images;
        long channels = images.shape[1];
        if (normalization.Mean.Length != channels || normalization.Std.Length != channels)
            throw new InvalidInputException($"normalization: {normalization.Mean.Length} means and {normalization.Std.Length} standard deviations for {channels}-channel images.");
        using var mean = tensor(normalization.Mean, images.dtype, images.device).view(1, channels, 1, 1);
        using var std = tensor(normalization.Std, images.dtype, images.device).view(1, channels, 1, 1);
        return images.sub(mean).div_(std);
    }

    /// <summary>y(1 − ε) + ε / classes; rows still sum to 1, soft targets included.</summary>
    public static Tensor Smooth(Tensor targets, double epsilon) =>
        epsilon == 0 ? targets : targets.mul(1 - epsilon).add_(epsilon / targets.shape[1]);
}
