using System.CommandLine;
using LossSearch.Host.Bench;
using LossSearch.Learning;
using static TorchSharp.torch;

namespace LossSearch.Host.Cli;

/// <summary>
/// <c>losssearch bench compare</c>: our trainer's step against the same step in PyTorch (same network,
/// batch, input size, optimizer and thread count), the two sides alternating in rounds; then the overhead
/// of whole surrogate candidates over their training steps, and live-tensor and memory growth over a long run.
/// </summary>
public static class BenchCompareCommand
{
    public const double RatioGoal = 1.05, OverheadGoalPercent = 3;

    public static Command Create(CommandRunner runner)
    {
        var rounds = new Option<int>("--rounds") { Description = "Rounds per network; each runs both sides, which goes first alternating.", DefaultValueFactory = _ => 5 };
        var steps = new Option<int?>("--steps") { Description = $"Timed steps per side and round (default per network: {PerNetwork(n => n.Steps)})." };
        var warmup = new Option<int?>("--warmup") { Description = $"Untimed steps before them, at least 1 (default per network: {PerNetwork(n => n.Warmup)})." };
        var threads = new Option<int>("--threads") { Description = "CPU threads of both sides (0: libtorch's default here, passed to PyTorch).", DefaultValueFactory = _ => 0 };
        var networks = new Option<string[]>("--network")
        {
            Description = $"Networks to compare: {string.Join(", ", CompareNetwork.All.Select(n => n.Model))} (default both).",
            AllowMultipleArgumentsPerToken = true,
        };
        var python = new Option<string>("--python") { Description = "Python interpreter with torch (Debian's python3-torch is under /usr/bin/python3).", DefaultValueFactory = _ => "/usr/bin/python3" };
        var candidateDataset = new Option<string?>("--candidate-dataset") { Description = $"Dataset of the candidate measurement (default as bench evolve: Fashion-MNIST when present, else {BenchEvolveCommand.SyntheticFallback})." };
        var candidateSteps = new Option<int>("--candidate-steps") { Description = "Training steps of each candidate (batch 64).", DefaultValueFactory = _ => 200 };
        var candidateEpoch = new Option<int>("--candidate-steps-per-epoch") { Description = "Steps between the candidate's validations.", DefaultValueFactory = _ => 100 };
        var memorySteps = new Option<int>("--memory-steps") { Description = "Steps of the ResNet9V2 run whose live tensors and memory are sampled.", DefaultValueFactory = _ => 1_000 };
        var skipCandidate = new Option<bool>("--skip-candidate") { Description = "Leave out the per-candidate overhead." };
        var skipMemory = new Option<bool>("--skip-memory") { Description = "Leave out the memory growth run." };
        var levers = new Option<string[]>("--lever")
        {
            Description = $"Speed levers measured beside the baseline in the same rounds: {string.Join(", ", Lever.All.Skip(1).Select(l => l.Name))}.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("compare", "Our trainer against PyTorch step for step (ResNet9V2 batch 64 Adam, WRN-16-4 batch 128 Nesterov SGD), per-candidate overhead, memory growth.")
        {
            rounds, steps, warmup, threads, networks, python, levers, candidateDataset, candidateSteps, candidateEpoch, memorySteps, skipCandidate, skipMemory,
        };
        runner.Bind(command, async (context, cancellation) =>
        {
            int roundCount = context.Value(rounds), threadCount = context.Value(threads);
            int? stepCount = context.Parse.GetValue(steps), warmupCount = context.Parse.GetValue(warmup);
            OptionRange.AtLeast(1).Check("--rounds", roundCount);
            if (stepCount is int s) OptionRange.AtLeast(1).Check("--steps", s);
            if (warmupCount is int w) OptionRange.AtLeast(1).Check("--warmup", w);
            OptionRange.Threads.Check("--threads", threadCount);
            OptionRange.AtLeast(1).Check("--candidate-steps", context.Value(candidateSteps));
            OptionRange.AtLeast(1).Check("--candidate-steps-per-epoch", context.Value(candidateEpoch));
            OptionRange.AtLeast(1).Check("--memory-steps", context.Value(memorySteps));
            var chosen = (context.Parse.GetValue(networks) is { Length: > 0 } names ? names.Select(CompareNetwork.Named) : CompareNetwork.All).Distinct().ToList();
            var chosenLevers = (context.Parse.GetValue(levers) ?? []).Select(Lever.Named).Prepend(Lever.Baseline).Distinct().ToList();
            var pytorch = PyTorchSide.Open(context.Value(python), PyTorchSide.DefaultScript);
            if (threadCount > 0) set_num_threads(threadCount);
            threadCount = get_num_threads();

            var comparisons = new List<object>();
            var ours = new TrainerProcess(context.DeviceSpec);
            foreach (var network in chosen)
            {
                int networkSteps = stepCount ?? network.Steps, networkWarmup = warmupCount ?? network.Warmup;
                var measured = Compare(context, pytorch, ours, network, chosenLevers, roundCount, networkSteps, networkWarmup, threadCount, cancellation);
                var baseline = measured[0];
                comparisons.Add(new
                {
                    network = network.Model, network.Batch, network.ImageSize, optimizer = network.Optimizer.Kind.ToString(),
                    steps = networkSteps, warmup = networkWarmup,
                    oursMedianMs = baseline.Wall.OursMedianSeconds * 1000, torchMedianMs = baseline.Wall.TorchMedianSeconds * 1000,
                    baseline.Wall.MedianRatio, baseline.Wall.MinRatio, baseline.Wall.MaxRatio, meetsGoal = baseline.Wall.MedianRatio <= RatioGoal,
                    oursMs = Milliseconds(baseline.Wall.OursSeconds), torchMs = Milliseconds(baseline.Wall.TorchSeconds), ratios = baseline.Wall.Ratios,
                    cpu = CpuDocument(baseline.Cpu),
                    heap = baseline.Heap,
                    levers = measured.Skip(1).Select(m => new
                    {
                        lever = m.Lever.Name, m.Lever.Description,
                        oursMedianMs = m.Wall.OursMedianSeconds * 1000, m.Wall.MedianRatio, m.Wall.MinRatio, m.Wall.MaxRatio,
                        meetsGoal = m.Wall.MedianRatio <= RatioGoal, oursMs = Milliseconds(m.Wall.OursSeconds), ratios = m.Wall.Ratios,
                        cpu = CpuDocument(m.Cpu),
                        againstBaseline = RatioDocument(StepRatio.Of(m.Wall.OursSeconds, baseline.Wall.OursSeconds)),
                        cpuAgainstBaseline = RatioDocument(StepRatio.Of(m.Cpu.OursSeconds, baseline.Cpu.OursSeconds)),
                        heap = m.Heap,
                    }),
                });
            }
            CandidateOverhead.Report? candidate = null;
            if (!context.Value(skipCandidate))
            {
                string dataset = context.Parse.GetValue(candidateDataset) ?? BenchEvolveCommand.DefaultDataset();
                context.Logger.Information("Bench compare: candidates of {Steps} steps on {Dataset}", context.Value(candidateSteps), dataset);
                candidate = await CandidateOverhead.MeasureAsync(dataset, context.Value(candidateSteps), context.Value(candidateEpoch), context.DeviceSpec, cancellation);
            }
            MemoryGrowth.Report? memory = null;
            if (!context.Value(skipMemory))
            {
                context.Logger.Information("Bench compare: memory over {Steps} ResNet9V2 steps", context.Value(memorySteps));
                memory = MemoryGrowth.Measure(CompareNetwork.ResNet9V2, context.Value(memorySteps), context.DeviceSpec);
            }
            var document = new
            {
                device = context.DeviceSpec, threads = threadCount, torch = pytorch.TorchVersion, rounds = roundCount,
                ratioGoal = RatioGoal, comparisons,
                candidate = candidate is null ? null : new { candidate, overheadGoalPercent = OverheadGoalPercent, meetsGoal = candidate.OverheadPercent <= OverheadGoalPercent },
                memory,
            };
            if (context.Json) context.WriteJson(document);
            else context.Output.WriteLine(System.Text.Json.JsonSerializer.Serialize(document, new System.Text.Json.JsonSerializerOptions(CommandContext.JsonOptions) { WriteIndented = true }));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string PerNetwork(Func<CompareNetwork, int> count) => string.Join(", ", CompareNetwork.All.Select(n => $"{n.Model} {count(n)}"));

    private static IEnumerable<double> Milliseconds(IEnumerable<double> seconds) => seconds.Select(s => s * 1000);

    private static object CpuDocument(StepRatio cpu) => new
    {
        oursMedianMs = cpu.OursMedianSeconds * 1000, torchMedianMs = cpu.TorchMedianSeconds * 1000,
        cpu.MedianRatio, cpu.MinRatio, cpu.MaxRatio,
        oursMs = Milliseconds(cpu.OursSeconds), torchMs = Milliseconds(cpu.TorchSeconds), ratios = cpu.Ratios,
    };

    private static object RatioDocument(StepRatio ratio) => new { ratio.MedianRatio, ratio.MinRatio, ratio.MaxRatio, ratio.Ratios };

    /// <summary>One lever's rounds: wall and CPU ratios against PyTorch's runs of the same rounds, and its .NET heap work per step (medians).</summary>
    private sealed record LeverRounds(Lever Lever, StepRatio Wall, StepRatio Cpu, HeapPerStep Heap);

    private sealed record HeapPerStep(double Gen0Collections, double AllocatedKiB, double GcPauseMs);

    /// <summary>
    /// Rounds in which PyTorch and every lever (the baseline first) run once each, the order rotating by one
    /// each round, so that no side always runs on the cooler (or busier) part of a round.
    /// </summary>
    private static List<LeverRounds> Compare(
        CommandContext context, PyTorchSide pytorch, TrainerProcess ours, CompareNetwork network, IReadOnlyList<Lever> levers,
        int rounds, int steps, int warmup, int threads, CancellationToken cancellation)
    {
        var theirs = new List<StepTime>();
        var mine = levers.Select(_ => new List<TrainerStepTime>()).ToList();
        int sides = levers.Count + 1;
        for (int round = 0; round < rounds; round++)
        {
            for (int turn = 0; turn < sides; turn++)
            {
                cancellation.ThrowIfCancellationRequested();
                int side = (turn + round) % sides;
                if (side == 0) theirs.Add(pytorch.MeanStepSeconds(network, steps, warmup, threads));
                else mine[side - 1].Add(ours.MeanStepSeconds(network, levers[side - 1], steps, warmup, threads));
            }
            context.Logger.Information("Bench compare {Network} round {Round}: PyTorch {Torch:F1} ms ({TorchCpu:F1} ms CPU) a step; {Ours}",
                network.Model, round + 1, theirs[^1].WallSeconds * 1000, theirs[^1].CpuSeconds * 1000,
                string.Join("; ", levers.Select((l, i) => $"{l.Name} {mine[i][^1].Time.WallSeconds * 1000:F1} ms ({mine[i][^1].Time.CpuSeconds * 1000:F1} ms CPU)")));
        }
        return levers.Select((lever, i) => new LeverRounds(lever,
            StepRatio.Of(mine[i].Select(t => t.Time.WallSeconds).ToList(), theirs.Select(t => t.WallSeconds).ToList()),
            StepRatio.Of(mine[i].Select(t => t.Time.CpuSeconds).ToList(), theirs.Select(t => t.CpuSeconds).ToList()),
            new HeapPerStep(StepRatio.Median(mine[i].Select(t => t.Gen0CollectionsPerStep).ToList()),
                StepRatio.Median(mine[i].Select(t => t.AllocatedKiBPerStep).ToList()), StepRatio.Median(mine[i].Select(t => t.GcPauseMsPerStep).ToList())))).ToList();
    }
}
