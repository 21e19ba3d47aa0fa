using LossSearch.Learning.Augment;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Augment;

public class ResizedTests
{
    [Fact]
    public void ResizeRunsBeforeTheTechniqueAndKeepsAConstantImageConstant()
    {
        var augmentation = AugmentationCatalog.Create("none?resize=32");
        Assert.IsType<Resized>(augmentation);
        using var images = full(new long[] { 2, 1, 28, 28 }, 200, dtype: ScalarType.Byte);
        using var labels = tensor(new long[] { 0, 1 });
        using var generator = new Generator(1);
        using var batch = augmentation.Apply(images, labels, 10, generator);
        Assert.Equal(new long[] { 2, 1, 32, 32 }, batch.Images.shape);
        Assert.Equal(200f / 255f, batch.Images.max().item<float>(), 5);
        Assert.Equal(200f / 255f, batch.Images.min().item<float>(), 5);
        Assert.IsType<Resized>(AugmentationCatalog.Create("cutout?size=8&resize=80"));
    }

    [Fact]
    public void ABadSizeNamesTheParameter() =>
        Assert.Contains("resize=0", Assert.Throws<InvalidInputException>(() => AugmentationCatalog.Create("baseline?resize=0")).Message);
}
