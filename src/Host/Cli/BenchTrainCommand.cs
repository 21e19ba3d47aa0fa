using System.CommandLine;
using LossSearch.Learning.Augment;
using System.Diagnostics;
using System.Globalization;
using LossSearch.Learning.Data;
using LossSearch.Learning.Losses;
using LossSearch.Learning.Models;
using LossSearch.Learning.Runtime;
using LossSearch.Learning.Training;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Host.Cli;

/// <summary>
/// <c>losssearch bench train</c>:
/// images/s of a WRN-16-4 step through the trainer against the same step written plainly, and the time of
/// one surrogate (ResNet9V2) epoch on Fashion-MNIST.
/// </summary>
public static class BenchTrainCommand
{
    /// <summary>Fashion-MNIST's 60,000 training images less the 6,000 held out for validation: the 54k of one surrogate epoch.</summary>
    private const int FashionValidation = 6_000, FashionTrain = 54_000;

    /// <summary>The compiled cross-entropy expression, as every candidate loss is compiled.</summary>
    private static readonly LossFunction CrossEntropy = LossCatalog.Compile("cross-entropy");

    private static InMemoryBatchSource Source(Tensor images, Tensor labels, IReadOnlyList<string> classes) =>
        new(new ImageSet(images, labels, classes), torch.CPU);

    public static Command Create(CommandRunner runner)
    {
        var steps = new Option<int>("--steps") { Description = "Timed WRN-16-4 steps per measurement (after 2 warm-up steps).", DefaultValueFactory = _ => 10 };
        var batch = new Option<int>("--batch") { Description = "WRN-16-4 batch size.", DefaultValueFactory = _ => 128 };
        var rounds = new Option<int>("--rounds") { Description = "Alternating plain/trainer measurements; the best of each is kept.", DefaultValueFactory = _ => 2 };
        var surrogateData = new Option<string>("--surrogate-dataset")
        {
            Description = "Dataset of the surrogate epoch; same-shaped random tensors (54,000 of 1x28x28) when it cannot be read.",
            DefaultValueFactory = _ => "fashion-mnist:/usr/share/datasets/fashion-mnist",
        };
        var skipSurrogate = new Option<bool>("--skip-surrogate") { Description = "Only measure the WRN-16-4 step." };
        var skipWrn = new Option<bool>("--skip-wrn") { Description = "Only measure the surrogate epoch." };
        var command = new Command("train", "Training speed: WRN-16-4 step through the trainer vs plain TorchSharp, surrogate epoch on Fashion-MNIST.")
        {
            steps, batch, rounds, surrogateData, skipSurrogate, skipWrn,
        };
        runner.Bind(command, (context, cancellation) =>
        {
            OptionRange.AtLeast(1).Check("--steps", context.Value(steps));
            new OptionRange(2, OptionRange.BenchBatch.Maximum).Check("--batch", context.Value(batch));
            OptionRange.AtLeast(1).Check("--rounds", context.Value(rounds));
            var device = DeviceSelection.Resolve(context.DeviceSpec);
            object? wrn = null, surrogate = null;
            if (!context.Value(skipWrn))
                wrn = MeasureWrn(context.Value(steps), context.Value(batch), context.Value(rounds), device, context.DeviceSpec, cancellation);
            if (!context.Value(skipSurrogate))
                surrogate = MeasureSurrogate(context.Value(surrogateData), context.DeviceSpec, context, cancellation);
            var document = new { device = device.ToString(), threads = torch.get_num_threads(), wrn16x4 = wrn, surrogate };
            if (context.Json) context.WriteJson(document);
            else context.Terminal.WriteLine(System.Text.Json.JsonSerializer.Serialize(document, CommandContext.JsonOptions));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static object MeasureWrn(int steps, int batch, int rounds, Device device, string deviceSpec, CancellationToken cancellation)
    {
        const int warmup = 2, classes = 10;
        int total = warmup + steps;
        torch.manual_seed(3);
        var images = torch.randint(0, 256, [(long)total * batch, 3, 32, 32], ScalarType.Byte);
        var labels = torch.randint(0, classes, [(long)total * batch]);
        using var data = new DatasetSplits("random-cifar-shape",
            Source(images, labels, Enumerable.Range(0, classes).Select(i => i.ToString()).ToList()),
            null,
            Source(torch.zeros([2, 3, 32, 32], ScalarType.Byte), torch.zeros([2], ScalarType.Int64), Enumerable.Range(0, classes).Select(i => i.ToString()).ToList()));
        var settings = new OptimizerSettings(OptimizerKind.Sgd, 0.1, WeightDecay: 5e-4);
        double plainBest = double.MaxValue, trainerBest = double.MaxValue, plainCpu = double.MaxValue, trainerCpu = double.MaxValue;
        for (int round = 0; round < rounds && !cancellation.IsCancellationRequested; round++)
        {
            // alternate which goes first, so that neither always inherits the other's cache and allocator state
            Timing plainTiming, trainerTiming;
            if (round % 2 == 0)
            {
                plainTiming = PlainSeconds(data.Train, batch, warmup, steps, settings, device);
                trainerTiming = TrainerSeconds(data, batch, warmup, steps, settings, deviceSpec);
            }
            else
            {
                trainerTiming = TrainerSeconds(data, batch, warmup, steps, settings, deviceSpec);
                plainTiming = PlainSeconds(data.Train, batch, warmup, steps, settings, device);
            }
            plainBest = Math.Min(plainBest, plainTiming.Seconds);
            trainerBest = Math.Min(trainerBest, trainerTiming.Seconds);
            plainCpu = Math.Min(plainCpu, plainTiming.CpuSeconds);
            trainerCpu = Math.Min(trainerCpu, trainerTiming.CpuSeconds);
        }
        double plain = steps * batch / plainBest, trainer = steps * batch / trainerBest;
        return new
        {
            batch,
            steps,
            rounds,
            plainImagesPerSecond = Math.Round(plain, 1),
            trainerImagesPerSecond = Math.Round(trainer, 1),
            overheadPercent = Math.Round(100 * (plain / trainer - 1), 2),
            plainCpuSecondsPerStep = Math.Round(plainCpu / steps, 3),
            trainerCpuSecondsPerStep = Math.Round(trainerCpu / steps, 3),
            cpuOverheadPercent = Math.Round(100 * (trainerCpu / plainCpu - 1), 2),
        };
    }

    /// <summary>The step written plainly: forward, softmax, cross-entropy, backward, SGD step.</summary>
    private static Timing PlainSeconds(IBatchSource train, int batch, int warmup, int steps, OptimizerSettings settings, Device device)
    {
        torch.manual_seed(4);
        using var model = new WideResNet(16, 4, classes: 10);
        model.to(device);
        model.train();
        using var optimizer = OptimizerFactory.Create(settings, model.parameters());
        var clock = new Stopwatch();
        var cpu = TimeSpan.Zero;
        int step = 0;
        foreach (var (images, labels) in train.Batches(batch, device, shuffleSeed: 1, dropLast: true))
        {
            if (step == warmup)
            {
                clock.Start();
                cpu = ProcessorTime();
            }
            using (var scope = torch.NewDisposeScope())
            {
                var x = images.to(ScalarType.Float32).div_(255f);
                var y = nn.functional.one_hot(labels, 10).to(ScalarType.Float32);
                var logits = model.forward(x);
                var loss = CrossEntropy(y, nn.functional.softmax(logits, 1));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                loss.item<float>();
            }
            images.Dispose();
            labels.Dispose();
            if (++step == warmup + steps) break;
        }
        return new Timing(clock.Elapsed.TotalSeconds, (ProcessorTime() - cpu).TotalSeconds);
    }

    /// <summary>Wall-clock seconds and this process's CPU seconds; on a shared machine the second is the steadier.</summary>
    private readonly record struct Timing(double Seconds, double CpuSeconds);

    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>The same steps through <see cref="Trainer.Run"/>, timed from the end of the warm-up steps to the end of the last step.</summary>
    private static Timing TrainerSeconds(DatasetSplits data, int batch, int warmup, int steps, OptimizerSettings settings, string deviceSpec)
    {
        torch.manual_seed(4);
        using var model = new WideResNet(16, 4, classes: 10);
        var clock = new Stopwatch();
        var cpu = TimeSpan.Zero;
        var timing = new Timing();
        var timer = new StepTimer(p =>
        {
            if (p.Phase != TrainingPhase.Step) return;
            if (p.GlobalStep == warmup)
            {
                clock.Start();
                cpu = ProcessorTime();
            }
            if (p.GlobalStep == warmup + steps) timing = new Timing(clock.Elapsed.TotalSeconds, (ProcessorTime() - cpu).TotalSeconds);
        });
        // Reads (and progress) every `warmup` steps, so that the end of the warm-up is reported.
        var run = new TrainingRun
        {
            Epochs = 1, StepsPerEpoch = warmup + steps, BatchSize = batch, Optimizer = settings, Seed = 1, Device = deviceSpec, EvaluationBatchSize = 2,
            ProgressEverySteps = Math.Max(1, warmup), ProgressEverySeconds = double.PositiveInfinity,
        };
        Trainer.Run(run, data, AugmentationCatalog.Create("none"), CrossEntropy, model, progress: timer);
        return timing;
    }

    private static object MeasureSurrogate(string spec, string deviceSpec, CommandContext context, CancellationToken cancellation)
    {
        DatasetSplits data;
        string source;
        try
        {
            data = DatasetCatalog.Open(spec, new DatasetOptions { ValidationCount = FashionValidation });
            source = spec;
        }
        catch (Exception e) when (e is LossSearch.Learning.InvalidInputException or IOException)
        {
            context.Logger.Warning("Surrogate benchmark on random tensors: {Reason}", e.Message);
            torch.manual_seed(5);
            var classes = Enumerable.Range(0, 10).Select(i => i.ToString()).ToList();
            data = new DatasetSplits("random-fashion-mnist-shape",
                Source(torch.randint(0, 256, [FashionTrain, 1, 28, 28], ScalarType.Byte), torch.randint(0, 10, [FashionTrain]), classes),
                null,
                Source(torch.randint(0, 256, [10_000, 1, 28, 28], ScalarType.Byte), torch.randint(0, 10, [10_000]), classes));
            source = "random tensors 54000x1x28x28";
        }
        using (data)
        {
            torch.manual_seed(6);
            using var model = new ResNet9V2(data.Train.Classes.Count, data.Train.Channels);
            var run = new TrainingRun
            {
                Epochs = 1, BatchSize = 128, Seed = 1, Device = deviceSpec,
                Optimizer = new OptimizerSettings(OptimizerKind.Adam, 1e-3),
                Schedule = new ScheduleSettings(ScheduleKind.WarmupCosine, WarmupSteps: 40),
            };
            double trainSeconds = 0, trainCpuSeconds = 0;
            var cpu = ProcessorTime();
            var clock = Stopwatch.StartNew();
            var timer = new StepTimer(p =>
            {
                if (p.Phase != TrainingPhase.Step || p.StepInEpoch != p.StepsPerEpoch) return;
                trainSeconds = clock.Elapsed.TotalSeconds;
                trainCpuSeconds = (ProcessorTime() - cpu).TotalSeconds;
            });
            var result = Trainer.Run(run, data, AugmentationCatalog.Create("none"), CrossEntropy, model, progress: timer, cancellation: cancellation);
            double totalSeconds = clock.Elapsed.TotalSeconds;
            long images = result.Steps * run.BatchSize;
            return new
            {
                dataset = source,
                images,
                trainSeconds = Math.Round(trainSeconds, 2),
                imagesPerSecond = Math.Round(images / trainSeconds, 1),
                trainCpuSeconds = Math.Round(trainCpuSeconds, 2),
                epochSecondsWithEvaluation = Math.Round(totalSeconds, 2),
                evaluationTop1 = result.Last?.Top1,
            };
        }
    }

    private sealed class StepTimer(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
