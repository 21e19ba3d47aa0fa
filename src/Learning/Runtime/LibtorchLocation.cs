namespace LossSearch.Learning.Runtime;

/// <summary>
/// Where this process's libtorch comes from. A normal build carries its own (the <c>libtorch-cpu-linux-x64</c> or
/// <c>TorchSharp-cuda-linux</c> package's shared libraries next to the program). A build with
/// <c>-p:TorchBackend=external</c> carries only TorchSharp's own <c>libLibTorchSharp.so</c>, and
/// <c>LOSSSEARCH_LIBTORCH</c> names the folder of a libtorch already on the machine: an installed PyTorch's
/// <c>torch/lib</c> or a LibTorch download's <c>lib</c>. That folder's libraries are loaded by full path before
/// TorchSharp loads its own, whose dependencies (<c>libtorch.so</c>, <c>libc10.so</c>, <c>libtorch_cpu.so</c>)
/// the dynamic linker then finds by name among the loaded ones; CUDA comes with them when the folder holds
/// <c>libtorch_cuda.so</c>.
/// <para>
/// Two libtorch copies in one process break it (two operator registries), so a variable set for a build that
/// carries its own is refused; and a build without one refuses to start without the variable, rather than
/// letting TorchSharp copy a libtorch from the NuGet cache into the program's folder.
/// </para>
/// <para>
/// TorchSharp's bindings are opened binding every import at once (<c>LOSSSEARCH_LIBTORCH_BIND=now</c>, the
/// default), so that a libtorch of another version that lacks one is refused at start-up, naming it, rather than
/// ending the process at the first call to it hours into a run; <c>lazy</c> binds each at its first call.
/// </para>
/// </summary>
public sealed record LibtorchLocation(string Source, string? Directory, bool Cuda, string? Binding = null)
{
    public const string Variable = "LOSSSEARCH_LIBTORCH";
    public const string BindingVariable = "LOSSSEARCH_LIBTORCH_BIND";

    /// <summary>The version TorchSharp 0.107's <c>libLibTorchSharp.so</c> is compiled against.</summary>
    public const string ExpectedVersion = "2.10.0";

    /// <summary>Load order: each after what it links against.</summary>
    private static readonly string[] Required = ["libc10.so", "libtorch_cpu.so"];
    private static readonly string[] CudaParts = ["libc10_cuda.so", "libtorch_cuda.so"];
    private const string Umbrella = "libtorch.so";
    private const string TorchSharpNative = "libLibTorchSharp.so";

    private static readonly Lazy<LibtorchLocation> Loaded = new(() => Resolve(
        Environment.GetEnvironmentVariable(Variable), Environment.GetEnvironmentVariable(BindingVariable), AppContext.BaseDirectory,
        OperatingSystem.IsLinux(), File.Exists, System.IO.Directory.Exists, DynamicLinker.Load));

    /// <summary>Decides once per process, and loads an external libtorch, before the first TorchSharp call.</summary>
    public static LibtorchLocation EnsureLoaded() => Loaded.Value;

    /// <summary>
    /// What <paramref name="variable"/> and <paramref name="binding"/> ask for, given the program in
    /// <paramref name="programDirectory"/>; <paramref name="load"/> opens one shared library by path, binding all
    /// its imports at once or not (throwing <see cref="DllNotFoundException"/> with the dynamic linker's reason).
    /// </summary>
    public static LibtorchLocation Resolve(string? variable, string? binding, string programDirectory, bool linux,
        Func<string, bool> fileExists, Func<string, bool> directoryExists, Action<string, bool> load)
    {
        if (!linux) return new LibtorchLocation("bundled", null, false);
        if (!string.IsNullOrEmpty(binding) && binding is not ("now" or "lazy"))
            throw new InvalidInputException($"{BindingVariable}: '{binding}' is not now or lazy.");
        bool bindNow = binding != "lazy";
        string[] nativeDirectories = [programDirectory, Path.Combine(programDirectory, "runtimes", "linux-x64", "native")];
        string? bundled = nativeDirectories.FirstOrDefault(d => fileExists(Path.Combine(d, "libtorch_cpu.so")));
        if (string.IsNullOrEmpty(variable))
        {
            if (bundled is null)
                throw new InvalidInputException(
                    $"{Variable}: this build carries no libtorch (-p:TorchBackend=external); set {Variable} to the folder of " +
                    "libtorch's shared libraries, e.g. an installed PyTorch's: " +
                    "python3 -c 'import torch, os; print(os.path.join(os.path.dirname(torch.__file__), \"lib\"))'");
            return new LibtorchLocation("bundled", bundled, fileExists(Path.Combine(bundled, "libtorch_cuda.so")));
        }
        if (bundled is not null)
            throw new InvalidInputException(
                $"{Variable}: '{variable}' is set, but this build carries its own libtorch ({bundled}), and two copies in one " +
                $"process break it; unset {Variable}, or build with -p:TorchBackend=external to use another libtorch.");
        string directory = Path.GetFullPath(variable);
        if (!directoryExists(directory))
            throw new InvalidInputException($"{Variable}: '{variable}' is not a folder.");
        foreach (var name in Required.Append(Umbrella))
            if (!fileExists(Path.Combine(directory, name)))
                throw new InvalidInputException($"{Variable}: '{variable}' holds no {name}: not a libtorch lib folder" +
                    (fileExists(Path.Combine(directory, "lib", name)) ? $" (did you mean '{Path.Combine(directory, "lib")}'?)." : "."));
        string bindings = nativeDirectories.Select(d => Path.Combine(d, TorchSharpNative)).FirstOrDefault(fileExists)
            ?? throw new InvalidInputException($"{Variable}: this build holds no {TorchSharpNative} next to the program ({programDirectory}).");
        bool cuda = fileExists(Path.Combine(directory, "libtorch_cuda.so"));
        foreach (var name in Required.Concat(cuda ? CudaParts.Where(p => fileExists(Path.Combine(directory, p))) : []).Append(Umbrella))
        {
            try
            {
                load(Path.Combine(directory, name), false);
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                throw new InvalidInputException($"{Variable}: cannot load {Path.Combine(directory, name)}: {e.Message}");
            }
        }
        // Loaded here, so that a libtorch it cannot bind to (another version) is named with the linker's reason;
        // TorchSharp's own load then finds it loaded instead of searching the NuGet cache.
        try
        {
            load(bindings, bindNow);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw new InvalidInputException(
                $"{Variable}: TorchSharp's {TorchSharpNative}, built for libtorch {ExpectedVersion}, cannot bind to the libtorch in '{variable}': {e.Message}" +
                (bindNow ? $" ({BindingVariable}=lazy binds each function at its first call instead; a call to a missing one then ends the process.)" : ""));
        }
        return new LibtorchLocation("external", directory, cuda, bindNow ? "now" : "lazy");
    }
}
