using TorchSharp;

namespace LossSearch.Host.Tests.Cli;

public class InfoCommandTests
{
    [Fact]
    public async Task JsonReportsLibtorchAndCuda()
    {
        var run = await CliRun.Of("info", "--json");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.StartsWith("2.10", json.GetProperty("libtorch").GetString());
        Assert.Equal("0.107.0", json.GetProperty("torchSharp").GetString());
        Assert.Equal(torch.cuda.is_available(), json.GetProperty("cuda").GetBoolean());
        Assert.True(json.GetProperty("cpuThreads").GetInt32() >= 1);
        Assert.Equal(torch.cuda.is_available() ? 1 : 0, Math.Min(1, json.GetProperty("cudaDevices").GetArrayLength()));
    }

    [Fact]
    public async Task HumanOutputIsATable()
    {
        var run = await CliRun.Of("info", "--device", "cpu");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("libtorch", run.Stdout);
        Assert.Contains("Selected device", run.Stdout);
    }

    [Fact]
    public async Task UnknownOptionIsBadInputOnStderr()
    {
        var run = await CliRun.Of("info", "--bogus");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--bogus", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task BadDeviceIsBadInput()
    {
        var run = await CliRun.Of("info", "--json", "--device", "tpu:0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("tpu:0", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task HelpListsCommandsAndSucceeds()
    {
        var run = await CliRun.Of("--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("info", run.Stdout);
        Assert.Contains("serve", run.Stdout);
        Assert.Contains("--json", run.Stdout);
    }
}
