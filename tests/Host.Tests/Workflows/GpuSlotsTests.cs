using LossSearch.Host.Engine;
using LossSearch.Host.Tests.Cli;
using LossSearch.Learning;
using LossSearch.Workflows;

namespace LossSearch.Host.Tests.Workflows;

public class GpuSlotsTests
{
    [Theory]
    [InlineData(null, 0, 1)]
    [InlineData(null, 2, 2)]
    [InlineData(0, 2, 0)]
    [InlineData(3, 0, 3)]
    public void GpuSlotsCapTheGpuGroupDefaultingToTheCudaDevicesOrOne(int? slots, int cudaDevices, int expected)
    {
        var options = EngineSetup.WithGpuSlots(new WorkflowEngineOptions(), slots, cudaDevices);
        Assert.Equal(expected, options.ExecutionGroupLimits[EngineSetup.GpuGroup]);
    }

    [Fact]
    public void AConfiguredGpuLimitIsTheDefault()
    {
        var configured = new WorkflowEngineOptions { ExecutionGroupLimits = new Dictionary<string, int> { ["gpu"] = 5, ["io"] = 1 } };
        var options = EngineSetup.WithGpuSlots(configured, null, 2);
        Assert.Equal(5, options.ExecutionGroupLimits["gpu"]);
        Assert.Equal(1, options.ExecutionGroupLimits["io"]);
    }

    [Fact]
    public void WithoutCudaASlotChangesNoDevice() =>
        Assert.Null(EngineSetup.WithGpuSlots(new WorkflowEngineOptions(), 2, 0).SlotScope!("gpu", 1));

    [Fact]
    public async Task ANegativeSlotCountIsBadInput()
    {
        Assert.Throws<InvalidInputException>(() => EngineSetup.WithGpuSlots(new WorkflowEngineOptions(), -1, 0));
        var run = await CliRun.Of("worker", "--gpu-slots", "-1", "--db", Path.Combine(Path.GetTempPath(), "losssearch-host-tests", "never.db"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--gpu-slots: -1 must be 0 or more", run.Stderr);
    }
}
