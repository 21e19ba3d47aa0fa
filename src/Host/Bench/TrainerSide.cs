using System.Diagnostics;
using LossSearch.Learning.Augment;
using LossSearch.Learning.Data;
using LossSearch.Learning.Losses;
using LossSearch.Learning.Models;
using LossSearch.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Host.Bench;

/// <summary>
/// Our side of <c>bench compare</c>: the network trained through <see cref="Trainer.Run"/> as every
/// stage trains (augmentation <c>none</c>, the compiled cross-entropy), on random uint8 images of the
/// network's shape (2,048 of them, as the PyTorch side draws from).
/// </summary>
public static class TrainerSide
{
    public const int Images = 2_048;

    /// <summary>The compiled cross-entropy expression, as every candidate loss is compiled.</summary>
    public static readonly LossFunction CrossEntropy = LossCatalog.Compile("cross-entropy");

    /// <summary>Random training images of the network's input shape and a 2-image test split (the epoch-end evaluation is not timed).</summary>
    public static DatasetSplits RandomData(CompareNetwork network, long seed)
    {
        var classes = Enumerable.Range(0, CompareNetwork.Classes).Select(i => i.ToString()).ToList();
        using var generator = new Generator((ulong)seed);
        var images = randint(0, 256, [Images, 3, network.ImageSize, network.ImageSize], ScalarType.Byte, generator: generator);
        var labels = randint(0, CompareNetwork.Classes, [Images], ScalarType.Int64, generator: generator);
        var testImages = zeros([2, 3, network.ImageSize, network.ImageSize], ScalarType.Byte);
        var testLabels = zeros([2], ScalarType.Int64);
        return new DatasetSplits($"random-{network.ImageSize}x{network.ImageSize}",
            new InMemoryBatchSource(new ImageSet(images, labels, classes), CPU), null,
            new InMemoryBatchSource(new ImageSet(testImages, testLabels, classes), CPU));
    }

    /// <summary>
    /// Mean wall and process CPU seconds per trainer step over <paramref name="steps"/> steps after <paramref name="warmup"/>
    /// (at least 1), with what the .NET heap did meanwhile.
    /// </summary>
    public static TrainerStepTime MeanStepSeconds(CompareNetwork network, DatasetSplits data, int steps, int warmup, string deviceSpec, bool? flatParameters = null)
    {
        manual_seed(4);
        using var model = ModelCatalog.Create(network.Model, CompareNetwork.Classes);
        using var process = Process.GetCurrentProcess();
        long started = 0;
        TimeSpan cpuStarted = TimeSpan.Zero, pauseStarted = TimeSpan.Zero;
        long allocatedStarted = 0;
        int collectionsStarted = 0;
        TrainerStepTime? time = null;
        var timer = new Reports(p =>
        {
            if (p.Phase != TrainingPhase.Step) return;
            if (p.GlobalStep == warmup)
            {
                started = Stopwatch.GetTimestamp();
                process.Refresh();
                cpuStarted = process.TotalProcessorTime;
                (collectionsStarted, allocatedStarted, pauseStarted) = (GC.CollectionCount(0), GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration());
            }
            if (p.GlobalStep == warmup + steps)
            {
                double wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
                process.Refresh();
                time = new TrainerStepTime(new StepTime(wall / steps, (process.TotalProcessorTime - cpuStarted).TotalSeconds / steps),
                    (GC.CollectionCount(0) - collectionsStarted) / (double)steps, (GC.GetTotalAllocatedBytes() - allocatedStarted) / 1024.0 / steps,
                    (GC.GetTotalPauseDuration() - pauseStarted).TotalMilliseconds / steps);
            }
        });
        // Metrics are read (and progress reported) every `warmup` steps, so that the end of the warm-up is a report.
        var run = Run(network, warmup + steps, deviceSpec) with { ProgressEverySteps = warmup, FlatParameters = flatParameters };
        Trainer.Run(run, data, AugmentationCatalog.Create("none"), CrossEntropy, model, progress: timer);
        return time ?? throw new InvalidOperationException($"the trainer did not report steps {warmup} and {warmup + steps}");
    }

    /// <summary>One epoch of <paramref name="steps"/> steps of the network's batch and optimizer, reports only by step count.</summary>
    public static TrainingRun Run(CompareNetwork network, int steps, string deviceSpec) => new()
    {
        Epochs = 1, StepsPerEpoch = steps, BatchSize = network.Batch, Optimizer = network.Optimizer, Seed = 1, Device = deviceSpec,
        EvaluationBatchSize = 2, ProgressEverySeconds = double.PositiveInfinity,
    };

    public sealed class Reports(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
