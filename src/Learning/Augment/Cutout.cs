using static TorchSharp.torch;

namespace LossSearch.Learning.Augment;

/// <summary>
/// <c>cutout</c> (DeVries &amp; Taylor 2017): a Size×Size square centred on a uniformly drawn pixel,
/// clipped at the borders, set to zero in every channel. Targets stay one-hot.
/// </summary>
public sealed class Cutout(CropFlip cropFlip, int size = 16) : Technique(cropFlip)
{
    public override string Name => "cutout";
    public int Size { get; } = size;

    protected override (Tensor, Tensor) Transform(Tensor images, Tensor labels, int classes, RandomDraws draws)
    {
        int n = (int)images.shape[0];
        long height = images.shape[2], width = images.shape[3];
        var cy = draws.Integers(n, height);
        var cx = draws.Integers(n, width);
        int half = Size / 2;
        var mask = Targets.BoxMask(
            [.. cy.Select(c => (int)Math.Max(0, c - half))], [.. cy.Select(c => (int)Math.Min(height, c - half + Size))],
            [.. cx.Select(c => (int)Math.Max(0, c - half))], [.. cx.Select(c => (int)Math.Min(width, c - half + Size))],
            height, width, images.device);
        var unit = Targets.ToUnit(images).masked_fill_(mask.unsqueeze(1), 0);
        return (unit, Targets.OneHot(labels, classes));
    }
}
