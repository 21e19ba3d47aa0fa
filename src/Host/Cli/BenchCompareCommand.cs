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
        var steps = new Option<int>("--steps") { Description = "Timed steps per side and round.", DefaultValueFactory = _ => 20 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed steps before them (at least 1).", DefaultValueFactory = _ => 3 };
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
        var command = new Command("compare", "Our trainer against PyTorch step for step (ResNet9V2 batch 64 Adam, WRN-16-4 batch 128 Nesterov SGD), per-candidate overhead, memory growth.")
        {
            rounds, steps, warmup, threads, networks, python, candidateDataset, candidateSteps, candidateEpoch, memorySteps, skipCandidate, skipMemory,
        };
        runner.Bind(command, async (context, cancellation) =>
        {
            int roundCount = context.Value(rounds), stepCount = context.Value(steps), warmupCount = context.Value(warmup), threadCount = context.Value(threads);
            OptionRange.AtLeast(1).Check("--rounds", roundCount);
            OptionRange.AtLeast(1).Check("--steps", stepCount);
            OptionRange.AtLeast(1).Check("--warmup", warmupCount);
            OptionRange.Threads.Check("--threads", threadCount);
            OptionRange.AtLeast(1).Check("--candidate-steps", context.Value(candidateSteps));
            OptionRange.AtLeast(1).Check("--candidate-steps-per-epoch", context.Value(candidateEpoch));
            OptionRange.AtLeast(1).Check("--memory-steps", context.Value(memorySteps));
            var chosen = (context.Parse.GetValue(networks) is { Length: > 0 } names ? names.Select(CompareNetwork.Named) : CompareNetwork.All).Distinct().ToList();
            var pytorch = PyTorchSide.Open(context.Value(python), PyTorchSide.DefaultScript);
            if (threadCount > 0) set_num_threads(threadCount);
            threadCount = get_num_threads();

            var comparisons = new List<object>();
            foreach (var network in chosen)
            {
                var (ratio, cpu) = Compare(context, pytorch, network, roundCount, stepCount, warmupCount, threadCount, cancellation);
                comparisons.Add(new
                {
                    network = network.Model, network.Batch, network.ImageSize, optimizer = network.Optimizer.Kind.ToString(),
                    oursMedianMs = ratio.OursMedianSeconds * 1000, torchMedianMs = ratio.TorchMedianSeconds * 1000,
                    ratio.MedianRatio, ratio.MinRatio, ratio.MaxRatio, meetsGoal = ratio.MedianRatio <= RatioGoal,
                    oursMs = ratio.OursSeconds.Select(s => s * 1000), torchMs = ratio.TorchSeconds.Select(s => s * 1000), ratios = ratio.Ratios,
                    cpu = new
                    {
                        oursMedianMs = cpu.OursMedianSeconds * 1000, torchMedianMs = cpu.TorchMedianSeconds * 1000,
                        cpu.MedianRatio, cpu.MinRatio, cpu.MaxRatio,
                        oursMs = cpu.OursSeconds.Select(s => s * 1000), torchMs = cpu.TorchSeconds.Select(s => s * 1000), ratios = cpu.Ratios,
                    },
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
                device = context.DeviceSpec, threads = threadCount, torch = pytorch.TorchVersion, rounds = roundCount, steps = stepCount, warmup = warmupCount,
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

    /// <summary>Wall-clock and process-CPU ratios of the same rounds.</summary>
    private static (StepRatio Wall, StepRatio Cpu) Compare(CommandContext context, PyTorchSide pytorch, CompareNetwork network, int rounds, int steps, int warmup, int threads, CancellationToken cancellation)
    {
        using var data = TrainerSide.RandomData(network, seed: 3);
        var ours = new List<StepTime>();
        var theirs = new List<StepTime>();
        for (int round = 0; round < rounds; round++)
        {
            cancellation.ThrowIfCancellationRequested();
            // Which side goes first alternates, so that neither always runs on the cooler (or busier) half of a round.
            if (round % 2 == 0)
            {
                ours.Add(TrainerSide.MeanStepSeconds(network, data, steps, warmup, context.DeviceSpec));
                theirs.Add(pytorch.MeanStepSeconds(network, steps, warmup, threads));
            }
            else
            {
                theirs.Add(pytorch.MeanStepSeconds(network, steps, warmup, threads));
                ours.Add(TrainerSide.MeanStepSeconds(network, data, steps, warmup, context.DeviceSpec));
            }
            context.Logger.Information("Bench compare {Network} round {Round}: ours {Ours:F1} ms ({OursCpu:F1} ms CPU), PyTorch {Torch:F1} ms ({TorchCpu:F1} ms CPU) a step",
                network.Model, round + 1, ours[^1].WallSeconds * 1000, ours[^1].CpuSeconds * 1000, theirs[^1].WallSeconds * 1000, theirs[^1].CpuSeconds * 1000);
        }
        return (StepRatio.Of(ours.Select(t => t.WallSeconds).ToList(), theirs.Select(t => t.WallSeconds).ToList()),
            StepRatio.Of(ours.Select(t => t.CpuSeconds).ToList(), theirs.Select(t => t.CpuSeconds).ToList()));
    }
}
