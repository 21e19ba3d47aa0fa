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

    public void Dispose() => _workspace.Dispose();
}
