using System.Runtime.CompilerServices;
using static TorchSharp.torch;

namespace LossSearch.Learning.Runtime;

/// <summary>
/// The device discipline of random draws, checked where the draws happen: host draws need a CPU generator,
/// a mask drawn on a tensor's device needs a generator of that device. libtorch on CUDA refuses both kinds
/// of mixing only when it meets them; these checks name the culprit, and with
/// <see cref="SimulateAccelerator"/> they catch the mixing on a CPU-only machine too.
/// </summary>
public static class GeneratorChecks
{
    private static readonly ConditionalWeakTable<Generator, object> DeviceSide = new();
    [ThreadStatic] private static int _simulating;

    /// <summary>
    /// While the returned scope lives, this thread's CPU placements act as an accelerator: CPU tensors count as
    /// device tensors and the placements' device generators as device generators. A CPU-only test then meets
    /// a host generator used for device masks, or a device generator used for host draws, as CUDA would.
    /// </summary>
    internal static IDisposable SimulateAccelerator()
    {
        _simulating++;
        return new Scope();
    }

    internal static bool SimulatingAccelerator => _simulating > 0;

    internal static void MarkDeviceSide(Generator generator) => DeviceSide.AddOrUpdate(generator, DeviceSide);

    /// <summary>Throws unless <paramref name="generator"/> draws on the host.</summary>
    public static void RequireHost(Generator generator, string purpose)
    {
        if (IsDeviceSide(generator))
            throw new InvalidOperationException(
                $"{purpose} must be drawn from a CPU generator (the same seed then gives the same batch on any device), got a generator on {Describe(generator)}.");
    }

    /// <summary>Throws unless <paramref name="generator"/> lives on the device of <paramref name="target"/>.</summary>
    public static void RequireDeviceOf(Generator generator, Tensor target, string purpose)
    {
        bool targetOnDevice = _simulating > 0 || target.device.type != TorchSharp.DeviceType.CPU;
        bool matches = targetOnDevice
            ? IsDeviceSide(generator) && (_simulating > 0 || generator.device == target.device)
            : !IsDeviceSide(generator);
        if (!matches)
            throw new InvalidOperationException(
                $"{purpose} on {(_simulating > 0 ? "the accelerator" : target.device.ToString())} must be drawn from a generator on that device, got a generator on {Describe(generator)}.");
    }

    private static bool IsDeviceSide(Generator generator) =>
        generator.device.type != TorchSharp.DeviceType.CPU || DeviceSide.TryGetValue(generator, out _);

    private static string Describe(Generator generator) =>
        DeviceSide.TryGetValue(generator, out _) ? "the accelerator" : generator.device.ToString();

    private sealed class Scope : IDisposable
    {
        public void Dispose() => _simulating--;
    }
}
