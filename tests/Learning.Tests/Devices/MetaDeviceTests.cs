using LossSearch.Learning.Augment;
using LossSearch.Learning.Losses;
using LossSearch.Learning.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Devices;

/// <summary>
/// The compiled losses and the augmentations on libtorch's <c>meta</c> device, which shares libtorch's
/// device checks with CUDA: a CPU tensor (other than a 0-dim one) meeting a device tensor fails there as it
/// would on a GPU. Ops that have no meta kernel stop early; they must fail for that reason only.
/// </summary>
public sealed class MetaDeviceTests
{
    private static readonly Device Meta = new(DeviceType.META);

    [Fact]
    public void EveryOperatorWithAConstantRunsOnTheDeviceOrLacksAMetaKernel()
    {
        var ran = new List<string>();
        foreach (var op in Operators.All)
        {
            string text = op.Arity == 1 ? $"y * {op.Name}(yhat + 0.5)"
                : op.Notation == TextNotation.Infix ? $"y * (yhat {op.Symbol} 0.5)" : $"y * {op.Name}(yhat, 0.5)";
            var loss = LossCompiler.Prepare(LossCatalog.Resolve(text));
            using var y = empty([8, 10], ScalarType.Float32, Meta);
            using var yhat = empty([8, 10], ScalarType.Float32, Meta);
            if (RunsOrLacksMetaKernel(() => { using var value = loss.Reduced(y, yhat); Assert.Equal(DeviceType.META, value.device.type); }, text))
                ran.Add(op.Name);
        }
        Assert.Contains("add", ran);
        Assert.Contains("mul", ran);
    }

    [Fact]
    public void AugmentationsDrawOnTheHostAndPlaceTheirTensorsOnTheDevice()
    {
        var ran = new List<string>();
        using var generator = DevicePlacement.NewHostGenerator(4);
        foreach (var name in AugmentationCatalog.Techniques.Keys)
        {
            using var images = empty([4, 3, 16, 16], ScalarType.Byte, Meta);
            using var labels = empty([4], ScalarType.Int64, Meta);
            if (RunsOrLacksMetaKernel(() =>
                {
                    using var batch = AugmentationCatalog.Create(name).Apply(images, labels, 10, generator);
                    Assert.Equal(DeviceType.META, batch.Images.device.type);
                    Assert.Equal(DeviceType.META, batch.Targets.device.type);
                }, name))
                ran.Add(name);
        }
        Assert.Contains("none", ran);
        Assert.Contains("baseline", ran);
        Assert.Contains("cutout", ran);
    }

    private static bool RunsOrLacksMetaKernel(Action action, string what)
    {
        try
        {
            action();
            return true;
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            bool missingKernel = e.Message.Contains("Meta kernel registered") || e.Message.Contains("not implemented");
            Assert.True(missingKernel, $"{what} failed on the meta device for another reason than a missing meta kernel: {e.Message}");
            return false;
        }
    }
}
