using System.Diagnostics;
using LossSearch.Learning.Augment;
using LossSearch.Learning.Models;
using LossSearch.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Host.Bench;

/// <summary>
/// Live tensors and process memory over a long trainer run: sampled at every host read (ten over the
/// run), growth taken from the first sample, after the optimizer's state and the allocator have settled, to the last.
/// </summary>
public static class MemoryGrowth
{
    public sealed record Sample(long Step, long LiveTensors, double ResidentMiB, double ManagedMiB);

    public sealed record Report(string Model, int Batch, int Steps, long LiveTensorGrowth, double ResidentGrowthMiB, double ManagedGrowthMiB, IReadOnlyList<Sample> Samples);

    public const int SampleCount = 10;

    public static Report Measure(CompareNetwork network, int steps, string deviceSpec)
    {
        if (steps < SampleCount) throw new Learning.InvalidInputException($"--memory-steps: {steps} must be at least {SampleCount}");
        using var data = TrainerSide.RandomData(network, seed: 7);
        manual_seed(5);
        using var model = ModelCatalog.Create(network.Model, CompareNetwork.Classes);
        var samples = new List<Sample>();
        using var process = Process.GetCurrentProcess();
        var sampler = new TrainerSide.Reports(p =>
        {
            if (p.Phase != TrainingPhase.Step) return;
            process.Refresh();
            samples.Add(new Sample(p.GlobalStep, DisposeScopeManager.Statistics.ThreadTotalLiveCount,
                process.WorkingSet64 / 1048576.0, GC.GetTotalMemory(forceFullCollection: true) / 1048576.0));
        });
        var run = TrainerSide.Run(network, steps, deviceSpec) with { ProgressEverySteps = Math.Max(1, steps / SampleCount) };
        Trainer.Run(run, data, AugmentationCatalog.Create("none"), TrainerSide.CrossEntropy, model, progress: sampler);
        var (first, last) = (samples[0], samples[^1]);
        return new Report(network.Model, network.Batch, steps, last.LiveTensors - first.LiveTensors,
            last.ResidentMiB - first.ResidentMiB, last.ManagedMiB - first.ManagedMiB, samples);
    }
}
