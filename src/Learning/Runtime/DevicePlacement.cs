using static TorchSharp.torch;

namespace LossSearch.Learning.Runtime;

/// <summary>
/// The one place that decides where a run's tensors and random streams live. Data, model, targets and
/// masks live on <see cref="Device"/>; every draw that decides an augmentation parameter or a shuffle
/// comes from a host (CPU) generator, so that a seed gives the same batch on any device; draws of
/// masks that live on the device (dropout, stochastic depth) come from a generator on that device.
/// </summary>
public sealed class DevicePlacement
{
    private readonly bool _simulated;

    private DevicePlacement(Device device)
    {
        Device = device;
        _simulated = device.type == TorchSharp.DeviceType.CPU && GeneratorChecks.SimulatingAccelerator;
    }

    /// <summary>
    /// The placement of a run on <paramref name="device"/>. While <see cref="GeneratorChecks.SimulateAccelerator"/>
    /// is active on this thread, a CPU placement acts as an accelerator for the checks: its device generators
    /// are device-side although libtorch keeps everything on the CPU.
    /// </summary>
    public static DevicePlacement For(Device device) => new(device);

    public Device Device { get; }

    /// <summary>A host generator: augmentation parameters, shuffles.</summary>
    public static Generator NewHostGenerator(ulong seed = 0) => new(seed, CPU);

    /// <summary>A generator on <see cref="Device"/>: masks drawn where the tensors live.</summary>
    public Generator NewDeviceGenerator(ulong seed = 0)
    {
        var generator = new Generator(seed, Device);
        if (_simulated) GeneratorChecks.MarkDeviceSide(generator);
        return generator;
    }

    /// <summary>A host tensor copied to <see cref="Device"/> (the same tensor when it already lives there).</summary>
    public Tensor ToDevice(Tensor host) => host.device == Device ? host : host.to(Device);
}
