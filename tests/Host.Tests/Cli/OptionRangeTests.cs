using LossSearch.Host.Tests.Workflows;

namespace LossSearch.Host.Tests.Cli;

/// <summary>Numbers outside an option's range exit 2 naming the option, before any data is read or any work starts.</summary>
public class OptionRangeTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    [Theory]
    [InlineData("--lr", "Infinity")]
    [InlineData("--lr", "NaN")]
    [InlineData("--lr", "0")]
    [InlineData("--momentum", "5")]
    [InlineData("--momentum", "-1")]
    [InlineData("--drop-factor", "-3")]
    [InlineData("--validation", "-5")]
    [InlineData("--dropout", "1.5")]
    [InlineData("--label-smoothing", "1")]
    [InlineData("--weight-decay", "-0.1")]
    [InlineData("--ema", "1")]
    [InlineData("--epochs", "0")]
    [InlineData("--batch", "1")]
    public async Task TrainRefusesAnOptionOutsideItsRange(string option, string value)
    {
        string folder = Path.Combine(_workspace.Root, "ckpt");
        var run = await CliRun.Of("train", "--model", "resnet9v2", "--dataset", "synthetic:cifar10?n=40&test=10", option, value, "--checkpoint-dir", folder, "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: {option}: {value}", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("summary", "0")]
    [InlineData("summary", "100000")]
    [InlineData("predict", "0")]
    [InlineData("predict", "-4")]
    public async Task ModelRefusesAnInputSizeOutsideItsRange(string command, string size)
    {
        string[] extra = command == "predict" ? ["--weights", Path.Combine(_workspace.Root, "w.pth"), "--images", _workspace.Root] : [];
        var run = await CliRun.Of(["model", command, "resnet9v2", "--size", size, .. extra]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--size: {size} must be in [8, 2048]", run.Stderr);
    }

    [Fact]
    public async Task EvolveRefusesAnUnknownSurrogateAndAFileAsItsFolderBeforeSearching()
    {
        string folder = Path.Combine(_workspace.Root, "search");
        var bogus = await CliRun.Of("evolve", "--augment", "baseline", "--dataset", "synthetic:cifar10?n=40", "--surrogate", "bogus", "--out", folder, "--json");
        Assert.Equal(2, bogus.ExitCode);
        Assert.Contains("surrogate: 'bogus' is not a known architecture", bogus.Stderr);
        Assert.False(Directory.Exists(folder));

        string file = _workspace.Write("taken.txt", "keep me");
        var onFile = await CliRun.Of("evolve", "--augment", "baseline", "--dataset", "synthetic:cifar10?n=40", "--out", file, "--json");
        Assert.Equal(2, onFile.ExitCode);
        Assert.Contains($"--out: '{file}' is a file", onFile.Stderr);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("data", "--batch", "0")]
    [InlineData("data", "--batch", "100000")]
    [InlineData("data", "--batches", "0")]
    [InlineData("data", "--reference-images", "-1")]
    [InlineData("data", "--threads", "-2")]
    [InlineData("data", "--threads", "100000")]
    [InlineData("compare", "--rounds", "0")]
    [InlineData("compare", "--candidate-steps", "0")]
    [InlineData("compare", "--memory-steps", "-5")]
    [InlineData("compare", "--threads", "5000")]
    [InlineData("evolve", "--population", "0")]
    [InlineData("evolve", "--sample", "0")]
    [InlineData("evolve", "--steps", "0")]
    [InlineData("evolve", "--batch", "1")]
    [InlineData("evolve", "--validation-fraction", "1.5")]
    [InlineData("evolve", "--threads", "-1")]
    [InlineData("losses", "--batch", "0")]
    [InlineData("losses", "--batch", "100000")]
    [InlineData("losses", "--warmup", "-1")]
    [InlineData("losses", "--candidates", "0")]
    [InlineData("losses", "--threads", "2000")]
    [InlineData("train", "--rounds", "0")]
    [InlineData("train", "--steps", "0")]
    [InlineData("train", "--batch", "1")]
    [InlineData("train", "--batch", "100000")]
    public async Task BenchRefusesAnOptionOutsideItsRange(string bench, string option, string value)
    {
        var run = await CliRun.Of("bench", bench, option, value, "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: {option}: {value} must be", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Theory]
    [InlineData("inspect", "--image-size", "0")]
    [InlineData("inspect", "--image-size", "100000")]
    [InlineData("preview", "--image-size", "4")]
    [InlineData("preview", "--count", "0")]
    [InlineData("preview", "--count", "5000")]
    [InlineData("preview", "--seed", "-1")]
    public async Task DataRefusesAnOptionOutsideItsRangeAndWritesNothing(string command, string option, string value)
    {
        string grid = Path.Combine(_workspace.Root, "grid.png");
        string[] extra = command == "preview" ? ["--out", grid] : [];
        var run = await CliRun.Of(["data", command, "synthetic:cifar10?n=20&test=4", option, value, .. extra, "--json"]);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: {option}: {value} must be", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.False(File.Exists(grid));
    }

    public void Dispose() => _workspace.Dispose();
}
