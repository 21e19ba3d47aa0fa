using LossSearch.Learning.Runtime;
using TorchSharp;

namespace LossSearch.Learning.Tests.Runtime;

public class DeviceSelectionTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("auto")]
    [InlineData("AUTO")]
    public void AutoPicksCpuWithoutCuda(string? spec) =>
        Assert.Equal(DeviceType.CPU, DeviceSelection.Resolve(spec, () => false, () => 0).type);

    [Fact]
    public void AutoPicksFirstCudaDeviceWhenAvailable()
    {
        var device = DeviceSelection.Resolve("auto", () => true, () => 2);
        Assert.Equal(DeviceType.CUDA, device.type);
        Assert.Equal(0, device.index);
    }

    [Fact]
    public void CudaIndexIsParsed()
    {
        var device = DeviceSelection.Resolve("cuda:1", () => true, () => 2);
        Assert.Equal(DeviceType.CUDA, device.type);
        Assert.Equal(1, device.index);
    }

    [Theory]
    [InlineData("cuda:2", "only 2 are visible")]
    [InlineData("cuda:x", "no valid CUDA index")]
    [InlineData("tpu", "not one of auto, cpu, cuda, cuda:N")]
    public void BadSpecsNameTheProblem(string spec, string expected)
    {
        var error = Assert.Throws<InvalidInputException>(() => DeviceSelection.Resolve(spec, () => true, () => 2));
        Assert.Contains(expected, error.Message);
        Assert.Contains(spec, error.Message);
    }

    [Fact]
    public void CudaWithoutCudaIsRefused() =>
        Assert.Throws<InvalidInputException>(() => DeviceSelection.Resolve("cuda", () => false, () => 0));

    [Fact]
    public void RealResolutionAgreesWithLibtorch() =>
        Assert.Equal(torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU, DeviceSelection.Resolve("auto").type);

    [Fact]
    public void AFlowDefaultGivesAutoItsMeaning()
    {
        using (DeviceSelection.UseDefault("cpu"))
        {
            Assert.Equal("cpu", DeviceSelection.DefaultSpec);
            Assert.Equal(DeviceType.CPU, DeviceSelection.Resolve("auto", () => true, () => 2).type);
            Assert.Equal(DeviceType.CUDA, DeviceSelection.Resolve("cuda", () => true, () => 2).type);
        }
        Assert.Equal(DeviceSelection.Auto, DeviceSelection.DefaultSpec);
        Assert.Equal(DeviceType.CUDA, DeviceSelection.Resolve("auto", () => true, () => 2).type);
    }

    [Fact]
    public void ADefaultNamingAnotherCudaIndexIsResolvedWithIt()
    {
        string spec = DeviceSelection.Checked("cuda:1", () => true, () => 2);
        Assert.Equal("cuda:1", spec);
        Assert.Throws<InvalidInputException>(() => DeviceSelection.Checked("cuda:1", () => true, () => 1));
        Assert.Throws<InvalidInputException>(() => DeviceSelection.Checked("gpu", () => true, () => 1));
    }
}
