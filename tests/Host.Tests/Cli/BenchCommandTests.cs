namespace LossSearch.Host.Tests.Cli;

public class BenchCommandTests
{
    [Fact]
    public async Task BenchLossesReportsEveryMeasurement()
    {
        var run = await CliRun.Of("bench", "losses", "--json", "--device", "cpu", "--batch", "4", "--steps", "2", "--warmup", "0", "--candidates", "2");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        var step = json.GetProperty("trainStep");
        Assert.True(step.GetProperty("builtinMs").GetDouble() > 0);
        Assert.True(step.GetProperty("compiledMs").GetDouble() > 0);
        Assert.Contains("stand-in", step.GetProperty("model").GetString());
        Assert.True(json.GetProperty("lossAlone").GetProperty("compiledMs").GetDouble() > 0);
        var random = json.GetProperty("randomLoss");
        Assert.Equal(2, random.GetProperty("perLoss").GetArrayLength());
        Assert.Equal(256, random.GetProperty("batch").GetInt32());
        Assert.Equal(100, random.GetProperty("classes").GetInt32());
        Assert.True(json.GetProperty("integrityCheck").GetProperty("medianMs").GetDouble() > 0);
    }

    [Fact]
    public async Task BenchListsLossesAndRejectsBadOptions()
    {
        var help = await CliRun.Of("bench", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("losses", help.Stdout);
        var bad = await CliRun.Of("bench", "losses", "--steps", "0");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--steps", bad.Stderr);
    }
}
