using System.CommandLine;
using LossSearch.Host.Bench;
using LossSearch.Learning;
using LossSearch.Learning.Runtime;
using static TorchSharp.torch;

namespace LossSearch.Host.Cli;

/// <summary>
/// <c>losssearch bench trainer-steps</c> (hidden): our side of one <c>bench compare</c> measurement, run by
/// <see cref="TrainerProcess"/> in a fresh process so that a lever's environment (read at process start) applies.
/// Prints one JSON document: mean wall and CPU seconds per step, threads, and the .NET heap's work per step.
/// </summary>
public static class BenchTrainerStepsCommand
{
    public static Command Create(CommandRunner runner)
    {
        var network = new Option<string>("--network") { Description = "resnet9v2 or wrn-16-4.", Required = true };
        var steps = new Option<int>("--steps") { Description = "Timed steps.", DefaultValueFactory = _ => 20 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed steps first (at least 1).", DefaultValueFactory = _ => 3 };
        var threads = new Option<int>("--threads") { Description = "libtorch intra-op threads (0 keeps its default).", DefaultValueFactory = _ => 0 };
        var interop = new Option<int>("--interop-threads") { Description = "libtorch inter-op threads (0 keeps its default).", DefaultValueFactory = _ => 0 };
        var flat = new Option<bool>("--flat-parameters") { Description = "Train with the parameters in one flat buffer (TrainingRun.FlatParameters; the default)." };
        var plain = new Option<bool>("--plain-parameters") { Description = "Train with every parameter a tensor of its own (TrainingRun.FlatParameters = false)." };
        var command = new Command("trainer-steps", "Our trainer's mean step on a bench compare network (run by bench compare in a fresh process).")
        {
            network, steps, warmup, threads, interop, flat, plain,
        };
        command.Hidden = true;
        runner.Bind(command, (context, _) =>
        {
            var chosen = CompareNetwork.Named(context.Value(network));
            int stepCount = context.Value(steps), warmupCount = context.Value(warmup), threadCount = context.Value(threads), interopCount = context.Value(interop);
            if (stepCount < 1) throw new InvalidInputException($"--steps: {stepCount} must be at least 1");
            if (warmupCount < 1) throw new InvalidInputException($"--warmup: {warmupCount} must be at least 1");
            if (threadCount < 0) throw new InvalidInputException($"--threads: {threadCount} must not be negative");
            if (interopCount < 0) throw new InvalidInputException($"--interop-threads: {interopCount} must not be negative");
            // Inter-op threads can only be set before libtorch starts any inter-op work: first.
            if (interopCount > 0) set_num_interop_threads(interopCount);
            if (threadCount > 0) set_num_threads(threadCount);
            using var data = TrainerSide.RandomData(chosen, seed: 3);
            var time = TrainerSide.MeanStepSeconds(chosen, data, stepCount, warmupCount, context.DeviceSpec,
                (context.Value(flat), context.Value(plain)) switch
                {
                    (true, true) => throw new InvalidInputException("--flat-parameters and --plain-parameters: choose one"),
                    (true, false) => true,
                    (false, true) => false,
                    _ => null,
                });
            context.WriteJson(new
            {
                network = chosen.Model, threads = get_num_threads(), interopThreads = get_num_interop_threads(),
                meanStepSeconds = time.Time.WallSeconds, meanStepCpuSeconds = time.Time.CpuSeconds,
                time.Gen0CollectionsPerStep, time.AllocatedKiBPerStep, time.GcPauseMsPerStep, malloc = MallocThresholds.EnsureApplied().Source,
            });
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
