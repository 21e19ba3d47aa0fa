using static TorchSharp.torch;

namespace LossSearch.Learning.Augment;

/// <summary>
/// <c>cutmix</c> (Yun et al. 2019): a box of area ≈ (1 − λ)·H·W, λ ~ Beta(α, α), centred on a uniform
/// pixel and clipped at the borders, is pasted from a partner image (random permutation). The target
/// mixes the labels by the exact pasted area: (1 − area/HW)·yᵢ + (area/HW)·yⱼ.
/// </summary>
public sealed class CutMix(CropFlip cropFlip, double alpha = 1.0) : Technique(cropFlip)
{
    public override string Name => "cutmix";
    public double Alpha { get; } = alpha;

    protected override (Tensor, Tensor) Transform(Tensor images, Tensor labels, int classes, RandomDraws draws)
    {
        int n = (int)images.shape[0];
        long height = images.shape[2], width = images.shape[3];
        var lambda = draws.Beta(n, Alpha);
        var partner = tensor(draws.Permutation(n)).to(images.device);
        var cy = draws.Integers(n, height);
        var cx = draws.Integers(n, width);
        int[] y1 = new int[n], y2 = new int[n], x1 = new int[n], x2 = new int[n];
        var pasted = new float[n];
        for (int i = 0; i < n; i++)
        {
            double ratio = Math.Sqrt(1 - lambda[i]);
            int cutH = (int)(height * ratio), cutW = (int)(width * ratio);
            y1[i] = (int)Math.Clamp(cy[i] - cutH / 2, 0, height);
            y2[i] = (int)Math.Clamp(cy[i] + cutH / 2, 0, height);
            x1[i] = (int)Math.Clamp(cx[i] - cutW / 2, 0, width);
            x2[i] = (int)Math.Clamp(cx[i] + cutW / 2, 0, width);
            pasted[i] = (float)((double)(y2[i] - y1[i]) * (x2[i] - x1[i]) / (height * width));
        }
        var mask = Targets.BoxMask(y1, y2, x1, x2, height, width, images.device).unsqueeze(1);
        var unit = Targets.ToUnit(images);
        var mixed = where(mask, unit.index_select(0, partner), unit);
        var share = tensor(pasted).to(images.device).view(n, 1);
        var oneHot = Targets.OneHot(labels, classes);
        var targets = oneHot * (1 - share) + oneHot.index_select(0, partner) * share;
        return (mixed, targets);
    }
}
