using System.CommandLine;
using System.Diagnostics;
using LossSearch.Learning;
using LossSearch.Learning.Losses;
using LossSearch.Learning.Models;
using LossSearch.Learning.Runtime;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Host.Cli;

/// <summary>
/// <c>losssearch bench losses</c>: what the compiled losses cost. (1) A WRN-16-4 training step with the
/// compiled cross-entropy expression against <c>torch.nn.functional.cross_entropy</c> on logits;
/// (2) the loss alone, forward and backward, both ways; (3) random 9-node losses forward and
/// backward on a 256×100 batch; (4) the integrity check of one candidate. Medians over the steps.
/// </summary>
public static class BenchLossesCommand
{
    public static readonly Option<int> Batch = new("--batch") { Description = "Batch size of the training step.", DefaultValueFactory = _ => 128 };
    public static readonly Option<int> Steps = new("--steps") { Description = "Timed repetitions of each measurement.", DefaultValueFactory = _ => 20 };
    public static readonly Option<int> Warmup = new("--warmup") { Description = "Untimed repetitions first.", DefaultValueFactory = _ => 3 };
    public static readonly Option<int> Candidates = new("--candidates") { Description = "Random losses timed in (3) and (4).", DefaultValueFactory = _ => 20 };
    public static readonly Option<int> Threads = new("--threads") { Description = "CPU threads for libtorch (0 keeps its default).", DefaultValueFactory = _ => 0 };
    public static readonly Option<ulong> Seed = new("--seed") { Description = "Seed of the random losses and data.", DefaultValueFactory = _ => 1 };

    private const int Classes = 10, ImageSize = 32, RandomBatch = 256, RandomClasses = 100;
    private const string StepModel = "wrn-16-4";

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("losses", "Time the compiled losses: in a WRN-16-4 training step, alone, random 9-node losses, the integrity check.")
        {
            Batch, Steps, Warmup, Candidates, Threads, Seed,
        };
        runner.Bind(command, (context, cancellation) =>
        {
            int batch = context.Value(Batch), steps = context.Value(Steps), warmup = context.Value(Warmup), candidates = context.Value(Candidates);
            OptionRange.BenchBatch.Check("--batch", batch);
            OptionRange.AtLeast(1).Check("--steps", steps);
            OptionRange.NonNegative.Check("--warmup", warmup);
            OptionRange.AtLeast(1).Check("--candidates", candidates);
            int threads = context.Value(Threads);
            OptionRange.Threads.Check("--threads", threads);
            if (threads > 0) set_num_threads(threads);
            var device = DeviceSelection.Resolve(context.DeviceSpec);
            ulong seed = context.Value(Seed);
            manual_seed((long)(seed & long.MaxValue));
            var timing = new Timing(device, warmup, steps, cancellation);

            var step = TrainStep(timing, batch);
            var alone = LossAlone(timing, batch);
            var random = RandomLoss(timing, new CheckpointableRandom(seed), candidates);
            var integrity = Integrity(timing, new CheckpointableRandom(seed + 1), candidates);

            var report = new
            {
                device = device.ToString(),
                threads = get_num_threads(),
                trainStep = new
                {
                    model = StepModel,
                    batch,
                    builtinMs = step.Builtin,
                    compiledMs = step.Compiled,
                    pairedDifferenceMs = step.PairedDifference,
                    overheadPercent = PercentOf(step.PairedDifference, step.Builtin),
                },
                lossAlone = new { batch, classes = Classes, builtinMs = alone.Builtin, compiledMs = alone.Compiled, pairedDifferenceMs = alone.PairedDifference },
                randomLoss = new { batch = RandomBatch, classes = RandomClasses, losses = random.Count, medianMs = Median(random.Select(r => r.Ms)), perLoss = random },
                integrityCheck = new { candidates, medianMs = Median(integrity), maxMs = integrity.Max() },
                steps,
            };
            if (context.Json)
            {
                context.WriteJson(report);
                return Task.FromResult(ExitCodes.Success);
            }
            var table = new Table().AddColumns("measurement", "median ms", "note");
            table.AddRow($"train step, F.cross_entropy (batch {batch})", Ms(step.Builtin), $"{StepModel}, SGD momentum 0.9");
            table.AddRow($"train step, compiled cross-entropy (batch {batch})", Ms(step.Compiled),
                $"paired difference {Ms(step.PairedDifference)} ms ({report.trainStep.overheadPercent:+0.00;-0.00}%)");
            table.AddRow($"loss alone fwd+bwd, F.cross_entropy ({batch}×{Classes})", Ms(alone.Builtin), "");
            table.AddRow($"loss alone fwd+bwd, compiled ({batch}×{Classes})", Ms(alone.Compiled), $"includes the softmax; paired difference {Ms(alone.PairedDifference)} ms");
            table.AddRow($"random 9-node loss fwd+bwd ({RandomBatch}×{RandomClasses})", Ms(report.randomLoss.medianMs), $"{random.Count} losses");
            table.AddRow("integrity check, one candidate", Ms(report.integrityCheck.medianMs), $"{candidates} candidates, max {Ms(report.integrityCheck.maxMs)} ms");
            context.Terminal.Write(table);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Comparison TrainStep(Timing timing, int batch)
    {
        using var scope = NewDisposeScope();
        using var model = ModelCatalog.Create(StepModel, Classes).to(timing.Device);
        model.train();
        using var optimizer = optim.SGD(model.parameters(), 0.01, momentum: 0.9);
        var images = randn(batch, 3, ImageSize, ImageSize, device: timing.Device);
        var labels = randint(Classes, batch, device: timing.Device);
        var targets = nn.functional.one_hot(labels, Classes).to_type(ScalarType.Float32);
        var crossEntropy = LossCatalog.Compile("cross-entropy");

        Action Step(Func<Tensor, Tensor> loss) => () =>
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            loss(model.forward(images)).backward();
            optimizer.step();
        };
        return timing.Compare(
            Step(logits => nn.functional.cross_entropy(logits, labels)),
            Step(logits => crossEntropy(targets, logits.softmax(1))));
    }

    private static Comparison LossAlone(Timing timing, int batch)
    {
        using var scope = NewDisposeScope();
        var logits = randn(batch, Classes, device: timing.Device).requires_grad_(true);
        var labels = randint(Classes, batch, device: timing.Device);
        var targets = nn.functional.one_hot(labels, Classes).to_type(ScalarType.Float32);
        var crossEntropy = LossCatalog.Compile("cross-entropy");
        Action Run(Func<Tensor> loss) => () =>
        {
            using var stepScope = NewDisposeScope();
            loss().backward();
        };
        return timing.Compare(
            Run(() => nn.functional.cross_entropy(logits, labels)),
            Run(() => crossEntropy(targets, logits.softmax(1))));
    }

    public sealed record RandomLossTiming(string Expression, double Ms);

    private static List<RandomLossTiming> RandomLoss(Timing timing, CheckpointableRandom random, int count)
    {
        var losses = RandomLosses.Draw(GenomeShape.Published, random, count, timing.Cancellation).Losses;
        using var scope = NewDisposeScope();
        var yhat = randn(RandomBatch, RandomClasses, device: timing.Device).softmax(1).requires_grad_(true);
        var targets = nn.functional.one_hot(randint(RandomClasses, RandomBatch, device: timing.Device), RandomClasses).to_type(ScalarType.Float32);
        var results = new List<RandomLossTiming>();
        foreach (var verdict in losses)
        {
            var loss = LossCompiler.Compile(verdict.Expression);
            double ms = timing.Median(() =>
            {
                using var stepScope = NewDisposeScope();
                loss(targets, yhat).backward();
            });
            results.Add(new RandomLossTiming(verdict.Expression.ToString(), ms));
        }
        return results;
    }

    private static List<double> Integrity(Timing timing, CheckpointableRandom random, int count)
    {
        var genomes = new List<LossExpression>();
        while (genomes.Count < count)
            if (LossGenerator.DrawValid(GenomeShape.Published, random) is { } genome)
                genomes.Add(genome);
        IntegrityCheck.Check(genomes[0]); // first use builds the probe
        return genomes.Select(g => timing.Once(() => IntegrityCheck.Check(g))).ToList();
    }

    private static double PercentOf(double part, double whole) => Math.Round(part / whole * 100, 2);
    private static string Ms(double ms) => ms.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private sealed record Comparison(double Builtin, double Compiled, double PairedDifference);

    /// <summary>Wall-clock timing that waits for the device before reading the clock.</summary>
    private sealed class Timing(Device device, int warmup, int steps, CancellationToken cancellation)
    {
        public Device Device { get; } = device;
        public CancellationToken Cancellation { get; } = cancellation;

        public double Once(Action action)
        {
            Cancellation.ThrowIfCancellationRequested();
            Synchronize();
            long start = Stopwatch.GetTimestamp();
            action();
            Synchronize();
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        public double Median(Action action)
        {
            for (int i = 0; i < warmup; i++) action();
            return BenchLossesCommand.Median(Enumerable.Range(0, steps).Select(_ => Once(action)).ToList());
        }

        /// <summary>
        /// Both actions, interleaved and alternating which runs first, so that drift hits both alike:
        /// the median of each, and the median of the paired differences (second − first).
        /// </summary>
        public Comparison Compare(Action first, Action second)
        {
            for (int i = 0; i < warmup; i++) { first(); second(); }
            var a = new List<double>();
            var b = new List<double>();
            for (int i = 0; i < steps; i++)
            {
                if (i % 2 == 0) { a.Add(Once(first)); b.Add(Once(second)); }
                else { b.Add(Once(second)); a.Add(Once(first)); }
            }
            return new Comparison(BenchLossesCommand.Median(a), BenchLossesCommand.Median(b),
                BenchLossesCommand.Median(a.Zip(b, (x, y) => y - x)));
        }

        private void Synchronize()
        {
            if (Device.type == DeviceType.CUDA)
                cuda.synchronize(Device);
        }
    }
}
