using LossSearch.Learning.Runtime;

namespace LossSearch.Learning.Tests.Runtime;

/// <summary>Which libtorch <see cref="LibtorchLocation"/> picks, what it loads in which order, and what it refuses.</summary>
public sealed class LibtorchLocationTests
{
    private const string Program = "/opt/losssearch";
    private const string Native = "/opt/losssearch/runtimes/linux-x64/native";
    private const string Torch = "/usr/lib/torch/lib";

    private readonly HashSet<string> _files = [];
    private readonly List<string> _loaded = [];
    private readonly List<bool> _boundNow = [];
    private string? _refuse;

    private LibtorchLocationTests WithFiles(string folder, params string[] names)
    {
        foreach (var name in names) _files.Add(Path.Combine(folder, name));
        return this;
    }

    private LibtorchLocation Resolve(string? variable, bool linux = true, string? binding = null) => LibtorchLocation.Resolve(
        variable, binding, Program, linux, _files.Contains, d => _files.Any(f => f.StartsWith(d + "/", StringComparison.Ordinal)),
        (path, bindNow) =>
        {
            if (path == _refuse) throw new DllNotFoundException($"{path}: undefined symbol: _ZNK3c105Error4whatEv");
            _loaded.Add(path);
            _boundNow.Add(bindNow);
        });

    private static readonly string[] CpuLibtorch = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];

    [Fact]
    public void ABuildThatCarriesLibtorchLoadsNothingItself()
    {
        WithFiles(Native, ["libLibTorchSharp.so", .. CpuLibtorch]);

        var location = Resolve(null);

        Assert.Equal(new LibtorchLocation("bundled", Native, false), location);
        Assert.Empty(_loaded);
    }

    [Fact]
    public void AnExternalCpuLibtorchIsLoadedInLinkOrderAndThenTorchSharpsBindings()
    {
        WithFiles(Native, "libLibTorchSharp.so").WithFiles(Torch, CpuLibtorch);

        var location = Resolve(Torch);

        Assert.Equal(new LibtorchLocation("external", Torch, false, "now"), location);
        Assert.Equal([$"{Torch}/libc10.so", $"{Torch}/libtorch_cpu.so", $"{Torch}/libtorch.so", $"{Native}/libLibTorchSharp.so"], _loaded);
        // Only TorchSharp's bindings are checked import by import: they are what another libtorch version may lack.
        Assert.Equal([false, false, false, true], _boundNow);
    }

    [Fact]
    public void LazyBindingIsAskedForByName()
    {
        WithFiles(Native, "libLibTorchSharp.so").WithFiles(Torch, CpuLibtorch);

        Assert.Equal("lazy", Resolve(Torch, binding: "lazy").Binding);
        Assert.Equal([false, false, false, false], _boundNow);
        var error = Assert.Throws<InvalidInputException>(() => Resolve(Torch, binding: "later"));
        Assert.Contains("LOSSSEARCH_LIBTORCH_BIND: 'later'", error.Message);
    }

    [Fact]
    public void ABuildWithoutTorchSharpsBindingsIsNamed()
    {
        WithFiles(Torch, CpuLibtorch);

        var error = Assert.Throws<InvalidInputException>(() => Resolve(Torch));

        Assert.Contains("holds no libLibTorchSharp.so", error.Message);
        Assert.Empty(_loaded);
    }

    [Fact]
    public void TheTorchFolderOfAnInstalledPyTorchIsPointedToItsLibFolder()
    {
        WithFiles(Native, "libLibTorchSharp.so").WithFiles($"{Torch}/lib", CpuLibtorch);

        var error = Assert.Throws<InvalidInputException>(() => Resolve(Torch));

        Assert.Contains($"did you mean '{Torch}/lib'?", error.Message);
    }

    [Fact]
    public void AnExternalCudaLibtorchBringsItsCudaPartsBeforeTheUmbrellaLibrary()
    {
        // A published build (one runtime identifier) has its native libraries next to the program.
        WithFiles(Program, "libLibTorchSharp.so").WithFiles(Torch, [.. CpuLibtorch, "libc10_cuda.so", "libtorch_cuda.so"]);

        var location = Resolve(Torch);

        Assert.True(location.Cuda);
        Assert.Equal([$"{Torch}/libc10.so", $"{Torch}/libtorch_cpu.so", $"{Torch}/libc10_cuda.so", $"{Torch}/libtorch_cuda.so",
            $"{Torch}/libtorch.so", $"{Program}/libLibTorchSharp.so"], _loaded);
    }

    [Fact]
    public void ABuildWithoutLibtorchRefusesToStartWithoutTheVariable()
    {
        WithFiles(Native, "libLibTorchSharp.so");

        var error = Assert.Throws<InvalidInputException>(() => Resolve(""));

        Assert.Contains("LOSSSEARCH_LIBTORCH", error.Message);
        Assert.Contains("TorchBackend=external", error.Message);
        Assert.Contains("import torch", error.Message);
        Assert.Empty(_loaded);
    }

    [Fact]
    public void TheVariableIsRefusedForABuildThatCarriesItsOwnLibtorch()
    {
        WithFiles(Native, ["libLibTorchSharp.so", .. CpuLibtorch]).WithFiles(Torch, CpuLibtorch);

        var error = Assert.Throws<InvalidInputException>(() => Resolve(Torch));

        Assert.Contains(Native, error.Message);
        Assert.Contains("two copies", error.Message);
        Assert.Empty(_loaded);
    }

    [Theory]
    [InlineData("/nowhere", "is not a folder")]
    [InlineData(Torch, "holds no libtorch.so")]
    public void AFolderThatIsNotALibtorchIsNamed(string variable, string reason)
    {
        WithFiles(Native, "libLibTorchSharp.so").WithFiles(Torch, "libc10.so", "libtorch_cpu.so");

        var error = Assert.Throws<InvalidInputException>(() => Resolve(variable));

        Assert.Contains($"'{variable}'", error.Message);
        Assert.Contains(reason, error.Message);
        Assert.Empty(_loaded);
    }

    [Fact]
    public void ALibtorchTorchSharpCannotBindToIsReportedWithTheLinkersReason()
    {
        WithFiles(Native, "libLibTorchSharp.so").WithFiles(Torch, CpuLibtorch);
        _refuse = $"{Native}/libLibTorchSharp.so";

        var error = Assert.Throws<InvalidInputException>(() => Resolve(Torch));

        Assert.Contains($"built for libtorch {LibtorchLocation.ExpectedVersion}", error.Message);
        Assert.Contains("undefined symbol: _ZNK3c105Error4whatEv", error.Message);
        Assert.Contains("LOSSSEARCH_LIBTORCH_BIND=lazy", error.Message);
    }

    [Fact]
    public void AFolderThatCannotBeLoadedIsNamedWithTheFile()
    {
        WithFiles(Native, "libLibTorchSharp.so").WithFiles(Torch, CpuLibtorch);
        _refuse = $"{Torch}/libtorch_cpu.so";

        var error = Assert.Throws<InvalidInputException>(() => Resolve(Torch));

        Assert.Contains($"cannot load {Torch}/libtorch_cpu.so", error.Message);
        Assert.Equal([$"{Torch}/libc10.so"], _loaded);
    }

    [Fact]
    public void OutsideLinuxTheLibraryNamesDifferAndNothingIsChecked()
    {
        Assert.Equal(new LibtorchLocation("bundled", null, false), Resolve("/whatever", linux: false));
        Assert.Empty(_loaded);
    }
}
