using LossSearch.Host.Tests.Cli;

namespace LossSearch.Host.Tests.Bench;

public class BenchCompareTests
{
    [PyTorchFact]
    public async Task ComparesTheTrainerWithPyTorchAndReportsOverheadAndMemory()
    {
        var run = await CliRun.Of("bench", "compare", "--json", "--device", "cpu", "--network", "resnet9v2", "--rounds", "2", "--steps", "1", "--warmup", "1", "--lever", "plain-parameters",
            "--candidate-dataset", "synthetic:1x12x12?n=200&test=16&classes=3&seed=1", "--candidate-steps", "2", "--candidate-steps-per-epoch", "1",
            "--memory-steps", "20");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        var comparison = Assert.Single(json.GetProperty("comparisons").EnumerateArray());
        Assert.Equal("resnet9v2", comparison.GetProperty("network").GetString());
        Assert.Equal(64, comparison.GetProperty("batch").GetInt32());
        Assert.Equal((1, 1), (comparison.GetProperty("steps").GetInt32(), comparison.GetProperty("warmup").GetInt32()));
        var ours = comparison.GetProperty("oursMs").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var torch = comparison.GetProperty("torchMs").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.Equal(2, ours.Count);
        Assert.All(ours.Concat(torch), ms => Assert.True(ms > 0));
        var ratios = comparison.GetProperty("ratios").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.Equal(ours[1] / torch[1], ratios[1], 9);
        var cpu = comparison.GetProperty("cpu");
        var oursCpu = cpu.GetProperty("oursMs").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var torchCpu = cpu.GetProperty("torchMs").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.All(oursCpu.Concat(torchCpu), ms => Assert.True(ms > 0));
        Assert.Equal(oursCpu[0] / torchCpu[0], cpu.GetProperty("ratios")[0].GetDouble(), 9);
        Assert.Matches(@"^\d+\.\d+", json.GetProperty("torch").GetString());
        Assert.True(comparison.GetProperty("heap").GetProperty("allocatedKiB").GetDouble() > 0);

        // A lever runs in the same rounds, against PyTorch and against the baseline of its round.
        var lever = Assert.Single(comparison.GetProperty("levers").EnumerateArray());
        Assert.Equal("plain-parameters", lever.GetProperty("lever").GetString());
        var leverMs = lever.GetProperty("oursMs").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.Equal(2, leverMs.Count);
        Assert.Equal(leverMs[0] / torch[0], lever.GetProperty("ratios")[0].GetDouble(), 9);
        Assert.Equal(leverMs[1] / ours[1], lever.GetProperty("againstBaseline").GetProperty("ratios")[1].GetDouble(), 9);

        var candidate = json.GetProperty("candidate").GetProperty("candidate");
        Assert.True(candidate.GetProperty("candidates").GetInt32() >= 3);
        double search = candidate.GetProperty("searchSeconds").GetDouble(), steps = candidate.GetProperty("stepSeconds").GetDouble();
        Assert.InRange(steps, double.Epsilon, search);
        Assert.True(candidate.GetProperty("evaluationSeconds").GetDouble() > 0);
        Assert.Equal(100 * (search / steps - 1), candidate.GetProperty("overheadPercent").GetDouble(), 9);

        var memory = json.GetProperty("memory");
        Assert.Equal(10, memory.GetProperty("samples").GetArrayLength());
        Assert.Equal(0, memory.GetProperty("liveTensorGrowth").GetInt64());
    }

    [Fact]
    public async Task APythonWithoutTorchIsNamedWithWhatToInstall()
    {
        var run = await CliRun.Of("bench", "compare", "--json", "--device", "cpu", "--python", "/bin/false");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("python3-torch", run.Stderr);
        Assert.Contains("--python", run.Stderr);
    }

    [Fact]
    public async Task AnUnknownLeverIsRefusedNamingTheKnownOnes()
    {
        var run = await CliRun.Of("bench", "compare", "--json", "--lever", "turbo", "--python", "/bin/false");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'turbo'", run.Stderr);
        Assert.Contains("hugetlb", run.Stderr);
    }

    [Fact]
    public async Task HelpGivesEachNetworksDefaultStepsWhichOutlastTheJitWarmUpOnResNet9V2()
    {
        var run = await CliRun.Of("bench", "compare", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("resnet9v2 300, wrn-16-4 6", run.Stdout);
        Assert.Contains("resnet9v2 30, wrn-16-4 2", run.Stdout);
    }

    [Fact]
    public async Task AnUnknownNetworkIsRefused()
    {
        var run = await CliRun.Of("bench", "compare", "--json", "--network", "vgg16", "--python", "/bin/false");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("vgg16", run.Stderr);
    }
}
