using System.Diagnostics;
using System.Text.Json;
using LossSearch.Host.Bench;
using LossSearch.Host.Tests.Bench;

namespace LossSearch.Host.Tests.Cli;

/// <summary>
/// This program run as a <c>-p:TorchBackend=external</c> build is laid out (TorchSharp's own native library, no
/// libtorch), on a libtorch from another folder named by <c>LOSSSEARCH_LIBTORCH</c>. The layout is made from
/// this build's output: the program's files linked, its apphost and native libraries copied, libtorch left out.
/// </summary>
public sealed class ExternalLibtorchProcessTests : IDisposable
{
    private static readonly string Built = AppContext.BaseDirectory;
    private static readonly string BuiltNative = Path.Combine(Built, "runtimes", "linux-x64", "native");
    private readonly string _program = Directory.CreateTempSubdirectory("losssearch-external-").FullName;

    public ExternalLibtorchProcessTests()
    {
        foreach (var file in Directory.EnumerateFiles(Built))
        {
            var target = Path.Combine(_program, Path.GetFileName(file));
            // The host finds the program's folder from the real paths of the apphost and the main assembly, so those are copies.
            if (Path.GetFileName(file).StartsWith("losssearch", StringComparison.Ordinal)) File.Copy(file, target);
            else File.CreateSymbolicLink(target, file);
        }
        var native = Directory.CreateDirectory(Path.Combine(_program, "runtimes", "linux-x64", "native")).FullName;
        foreach (var file in Directory.EnumerateFiles(BuiltNative).Where(f => !IsLibtorch(Path.GetFileName(f))))
            File.Copy(file, Path.Combine(native, Path.GetFileName(file)));
    }

    private static bool IsLibtorch(string name) =>
        name.StartsWith("libtorch", StringComparison.Ordinal) || name.StartsWith("libc10", StringComparison.Ordinal)
        || name.StartsWith("libgomp", StringComparison.Ordinal) || name is "libshm.so" or "libaoti_custom_ops.so"
        || name.Contains("backend", StringComparison.Ordinal) || name.Contains("test", StringComparison.Ordinal);

    public void Dispose() => Directory.Delete(_program, recursive: true);

    private (int ExitCode, string Output, string Error) Run(string program, string? libtorch, params string[] arguments) =>
        ChildProcess.Run(Path.Combine(program, "losssearch"), arguments, TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["LOSSSEARCH_LIBTORCH"] = libtorch ?? "" });

    [Fact]
    public void TheLayoutHoldsTorchSharpsBindingsButNoLibtorch()
    {
        var native = Path.Combine(_program, "runtimes", "linux-x64", "native");
        Assert.True(File.Exists(Path.Combine(native, "libLibTorchSharp.so")));
        Assert.False(File.Exists(Path.Combine(native, "libtorch_cpu.so")));
        Assert.True(File.Exists(Path.Combine(BuiltNative, "libtorch_cpu.so")));
    }

    [Fact]
    public void WithTheVariableItTrainsOnTheOtherFoldersLibtorch()
    {
        var (exitCode, output, error) = Run(_program, BuiltNative, "info", "--json");
        Assert.True(exitCode == 0, error);
        var location = JsonDocument.Parse(output).RootElement.GetProperty("libtorchLocation");
        Assert.Equal("external", location.GetProperty("source").GetString());
        Assert.Equal(Path.GetFullPath(BuiltNative), location.GetProperty("directory").GetString());

        string checkpoints = Path.Combine(_program, "run");
        (exitCode, output, error) = Run(_program, BuiltNative, "--device", "cpu", "train", "--model", "resnet9v2",
            "--dataset", "synthetic:cifar10?n=128&test=32&seed=1", "--validation", "0", "--epochs", "1", "--steps-per-epoch", "2",
            "--batch", "16", "--checkpoint-dir", checkpoints, "--json");
        Assert.True(exitCode == 0, error);
        var result = JsonDocument.Parse(output).RootElement;
        Assert.Equal("Completed", result.GetProperty("status").GetString());
        Assert.Equal(2, result.GetProperty("steps").GetInt32());
    }

    [Fact]
    public void WithoutTheVariableItStopsBeforeAnyCommandAndSaysWhatToSet()
    {
        var (exitCode, output, error) = Run(_program, null, "info", "--json");

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("LOSSSEARCH_LIBTORCH", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Theory]
    [InlineData("--help", "info")]
    [InlineData("--version", ".")]
    public void HelpAndVersionNeedNoLibtorch(string option, string printed)
    {
        var (exitCode, output, error) = Run(_program, null, option);

        Assert.True(exitCode == 0, error);
        Assert.Contains(printed, output);
    }

    [PyTorchFact]
    public void AnotherLibtorchVersionThatTorchSharpCannotBindToIsRefusedNamingTheSymbol()
    {
        // Debian's python3-torch is libtorch 1.13; TorchSharp 0.107 is built for 2.10.
        var (_, folder, _) = ChildProcess.Run("/usr/bin/python3",
            ["-c", "import torch, os; print(os.path.join(os.path.dirname(torch.__file__), 'lib'))"], TimeSpan.FromMinutes(1));
        var (exitCode, output, error) = Run(_program, folder.Trim(), "info", "--json");

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("built for libtorch 2.10.0, cannot bind", error);
        Assert.Contains("undefined symbol: ", error);
    }

    [Fact]
    public void ABuildThatCarriesLibtorchRefusesASecondOne()
    {
        var (exitCode, output, error) = Run(Built, BuiltNative, "info", "--json");

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("two copies", error);
    }
}
