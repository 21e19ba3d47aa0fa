using TorchSharp;

namespace LossSearch.Learning.Runtime;

/// <summary>The one place where a device spec (<c>auto|cpu|cuda|cuda:N</c>) becomes a TorchSharp device.</summary>
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

    /// <summary>Parses a device spec; <c>auto</c> picks CUDA device 0 when libtorch sees one, else the CPU.</summary>
    public static torch.Device Resolve(string? spec) => Resolve(spec, torch.cuda.is_available, torch.cuda.device_count);

    internal static torch.Device Resolve(string? spec, Func<bool> cudaAvailable, Func<int> cudaCount)
    {
        var text = (spec ?? Auto).Trim().ToLowerInvariant();
        switch (text)
        {
            case "" or Auto:
                return cudaAvailable() ? new torch.Device(DeviceType.CUDA, 0) : torch.CPU;
            case "cpu":
                return torch.CPU;
        }
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
}
