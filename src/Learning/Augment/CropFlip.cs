using static TorchSharp.torch;

namespace LossSearch.Learning.Augment;

/// <summary>
/// The standard CIFAR augmentation: zero-pad by <see cref="Padding"/>, crop back to the original size
/// at a random offset, and flip horizontally with probability 1/2. One gather per axis for the whole
/// batch (the flip is folded into the column index).
/// </summary>
public sealed record CropFlip(int Padding = 4, bool Flip = true)
{
    public Tensor Apply(Tensor images, RandomDraws draws)
    {
        int n = (int)images.shape[0];
        long channels = images.shape[1], height = images.shape[2], width = images.shape[3];
        var dy = draws.Integers(n, 2 * Padding + 1);
        var dx = draws.Integers(n, 2 * Padding + 1);
        var flip = Flip ? draws.Coins(n) : new bool[n];
        if (Padding == 0 && !Flip) return images.clone();
        using var scope = NewDisposeScope();
        var device = images.device;
        var padded = Padding > 0 ? nn.functional.pad(images, [Padding, Padding, Padding, Padding]) : images;
        var rows = tensor(dy.Select(v => (long)v).ToArray(), device: CPU).view(n, 1) + arange(height).view(1, height);
        var forward = arange(width).view(1, width);
        var columns = where(tensor(flip).view(n, 1), width - 1 - forward, forward) + tensor(dx.Select(v => (long)v).ToArray()).view(n, 1);
        var rowIndex = rows.to(device).view(n, 1, height, 1).expand(n, channels, height, width + 2 * Padding);
        var cropped = padded.gather(2, rowIndex);
        var columnIndex = columns.to(device).view(n, 1, 1, width).expand(n, channels, height, width);
        return cropped.gather(3, columnIndex).MoveToOuterDisposeScope();
    }
}
