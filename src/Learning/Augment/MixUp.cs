using static TorchSharp.torch;

namespace LossSearch.Learning.Augment;

/// <summary>
/// <c>mixup</c> (Zhang et al. 2018): each image is blended with a partner from a random permutation of
/// the batch, x = λ·xᵢ + (1 − λ)·xⱼ, target λ·yᵢ + (1 − λ)·yⱼ, with its own λ ~ Beta(α, α).
/// </summary>
public sealed class MixUp(CropFlip cropFlip, double alpha = 1.0) : Technique(cropFlip)
{
    public override string Name => "mixup";
    public double Alpha { get; } = alpha;

    protected override (Tensor, Tensor) Transform(Tensor images, Tensor labels, int classes, RandomDraws draws)
    {
        int n = (int)images.shape[0];
        var lambda = draws.Beta(n, Alpha);
        var partner = tensor(draws.Permutation(n)).to(images.device);
        var weight = tensor(lambda.Select(l => (float)l).ToArray()).to(images.device);
        var unit = Targets.ToUnit(images);
        var oneHot = Targets.OneHot(labels, classes);
        var mixed = unit * weight.view(n, 1, 1, 1) + unit.index_select(0, partner) * (1 - weight).view(n, 1, 1, 1);
        var targets = oneHot * weight.view(n, 1) + oneHot.index_select(0, partner) * (1 - weight).view(n, 1);
        return (mixed, targets);
    }
}
