using LossSearch.Learning.Augment;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Host.Cli.Interim;

/// <summary>Interim (until the augmentation catalog is connected): <c>none</c>, images to [0, 1] and one-hot targets.</summary>
internal sealed class PlainAugmentation : IBatchAugmentation
{
    public string Name => "none";

    public AugmentedBatch Apply(Tensor images, Tensor labels, int classes, Generator generator)
    {
        var x = images.to(ScalarType.Float32).div_(255f);
        var y = nn.functional.one_hot(labels, classes).to(ScalarType.Float32);
        return new AugmentedBatch(x, y);
    }
}
