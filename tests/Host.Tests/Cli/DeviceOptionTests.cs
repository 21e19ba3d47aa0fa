using LossSearch.Host.Tests.Workflows;
using LossSearch.Learning.Runtime;

namespace LossSearch.Host.Tests.Cli;

/// <summary>The global --device is what "auto" means for every activity of the process, and a device it cannot have is refused before any work.</summary>
public sealed class DeviceOptionTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task EveryCommandMakesItsDeviceTheMeaningOfAuto()
    {
        var explicitCpu = await CliRun.Of("info", "--json", "--device", "cpu");
        Assert.Equal(0, explicitCpu.ExitCode);
        Assert.Equal("cpu", DeviceSelection.DefaultSpec);

        var automatic = await CliRun.Of("info", "--json");
        Assert.Equal(0, automatic.ExitCode);
        Assert.Equal(DeviceSelection.Auto, DeviceSelection.DefaultSpec);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("resume")]
    public async Task ADeviceThatCannotBeHadIsRefusedBeforeAnInstanceExists(string command)
    {
        string file = _workspace.Write("w.json", TempWorkspace.TickerWorkflow("w", ticks: 1, intervalMs: 1));
        string[] args = command switch
        {
            "run" => ["run", file],
            _ => ["instances", "resume", "00000000000000000000000000000000"],
        };

        var refused = await CliRun.Of([.. args, "--device", "cuda:99", .. _workspace.EngineArgs]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("cuda:99", refused.Stderr);
        var list = await CliRun.Of(["instances", "list", "--json", .. _workspace.EngineArgs]);
        Assert.Equal(0, list.Json().GetProperty("total").GetInt32());
    }
}
