using LossSearch.Learning.Augment;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Training;

/// <summary>
/// Test helper: uint8 → float/255 and one-hot targets, plus one random draw per image (a horizontal
/// flip with probability ½) so that the generator's seeding matters to results.
/// </summary>
internal sealed class OneHotAugmentation : IBatchAugmentation
{
    public string Name => "one-hot-flip";

    public AugmentedBatch Apply(Tensor images, Tensor labels, int classes, Generator generator)
    {
        using var scope = torch.NewDisposeScope();
        var x = images.to(ScalarType.Float32).div_(255f);
        var flip = torch.rand([x.shape[0], 1, 1, 1], generator: generator, device: x.device).lt(0.5);
        x = torch.where(flip, x.flip(3), x);
        var targets = nn.functional.one_hot(labels, classes).to(ScalarType.Float32);
        return new AugmentedBatch(x.MoveToOuterDisposeScope(), targets.MoveToOuterDisposeScope());
    }
}
