using TorchSharp;

namespace LossSearch.Learning.Runtime;

/// <summary>
/// The one place where a device spec (<c>auto|cpu|cuda|cuda:N</c>) becomes a TorchSharp device, and
/// where <c>auto</c> is given its meaning: the flow's default (<see cref="UseDefault"/>, e.g. a worker's
/// GPU slot), else the process default (<see cref="SetProcessDefault"/>, the CLI's global
/// <c>--device</c>), else CUDA device 0 when libtorch sees one, else the CPU.
/// </summary>
public static class DeviceSelection
{
    public const string Auto = "auto";

    /// <summary>The device specs without an index; <c>cuda:N</c> names one CUDA device.</summary>
    public static readonly IReadOnlyList<string> Names = [Auto, "cpu", "cuda"];

    /// <summary>Whether a spec has the form <c>auto|cpu|cuda|cuda:N</c>, whatever devices this machine has.</summary>
    public static bool IsWellFormed(string? spec)
    {
        var text = (spec ?? Auto).Trim().ToLowerInvariant();
        return text is "" or Auto or "cpu" or "cuda"
            || text.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(5), System.Globalization.NumberStyles.None, null, out _);
    }

    private static string _processDefault = Auto;
    private static readonly AsyncLocal<string?> FlowDefault = new();

    /// <summary>What <c>auto</c> resolves to right now, as a spec.</summary>
    public static string DefaultSpec => FlowDefault.Value ?? _processDefault;

    /// <summary>
    /// Makes <paramref name="spec"/> what <c>auto</c> means in this process (the global <c>--device</c>).
    /// A spec other than <c>auto</c> is resolved at once, so that a bad one is refused before any work starts.
    /// </summary>
    public static void SetProcessDefault(string? spec) => _processDefault = Checked(spec, torch.cuda.is_available, torch.cuda.device_count);

    /// <summary>Makes <paramref name="spec"/> what <c>auto</c> means in this async flow until disposed (one job, one GPU slot).</summary>
    public static IDisposable UseDefault(string? spec)
    {
        var previous = FlowDefault.Value;
        FlowDefault.Value = Checked(spec, torch.cuda.is_available, torch.cuda.device_count);
        return new Restore(previous);
    }

    /// <summary>Parses a device spec; <c>auto</c> means <see cref="DefaultSpec"/>.</summary>
    public static torch.Device Resolve(string? spec) => Resolve(spec, torch.cuda.is_available, torch.cuda.device_count);

    internal static torch.Device Resolve(string? spec, Func<bool> cudaAvailable, Func<int> cudaCount)
    {
        var text = Normalize(spec);
        if (text == Auto) text = Normalize(DefaultSpec);
        return text == Auto ? (cudaAvailable() ? new torch.Device(DeviceType.CUDA, 0) : torch.CPU) : Explicit(text, spec, cudaAvailable, cudaCount);
    }

    internal static string Checked(string? spec, Func<bool> cudaAvailable, Func<int> cudaCount)
    {
        var text = Normalize(spec);
        if (text != Auto) Explicit(text, spec, cudaAvailable, cudaCount);
        return text;
    }

    private static string Normalize(string? spec)
    {
        var text = (spec ?? Auto).Trim().ToLowerInvariant();
        return text.Length == 0 ? Auto : text;
    }

    private static torch.Device Explicit(string text, string? spec, Func<bool> cudaAvailable, Func<int> cudaCount)
    {
        if (text == "cpu") return torch.CPU;
        if (text == "cuda" || text.StartsWith("cuda:", StringComparison.Ordinal))
        {
            int index = 0;
            if (text.Length > 5 && !int.TryParse(text.AsSpan(5), out index) || index < 0)
                throw new InvalidInputException($"--device: '{spec}' has no valid CUDA index after 'cuda:'.");
            if (!cudaAvailable())
                throw new InvalidInputException($"--device: '{spec}' asks for CUDA, but libtorch sees no CUDA device (CPU build of libtorch, or no driver).");
            int count = cudaCount();
            if (index >= count)
                throw new InvalidInputException($"--device: '{spec}' asks for CUDA device {index}, but only {count} are visible.");
            return new torch.Device(DeviceType.CUDA, index);
        }
        throw new InvalidInputException($"--device: '{spec}' is not one of auto, cpu, cuda, cuda:N.");
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => FlowDefault.Value = previous;
    }
}
