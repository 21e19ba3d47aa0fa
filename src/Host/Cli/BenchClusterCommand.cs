using System.CommandLine;
using System.Globalization;
using LossSearch.Host.Bench;
using LossSearch.Host.Engine;
using LossSearch.Learning;
using LossSearch.Workflows.Persistence;
using Spectre.Console;

namespace LossSearch.Host.Cli;

/// <summary>
/// <c>losssearch bench cluster</c>: the same Train WRN grid on 1, 2, … worker processes of one Quartz
/// cluster over PostgreSQL, reporting units per hour and the scheduling overhead per work item. Without
/// <c>--store</c> it starts a private PostgreSQL cluster (as the tests do) and a fresh database per round.
/// </summary>
public static class BenchClusterCommand
{
    public static Command Create(CommandRunner runner)
    {
        var store = new Option<string?>("--store") { Description = "A PostgreSQL database (postgresql://…) shared by every round (default: a private cluster started here, initdb from Debian's postgresql, a fresh database per round)." };
        var workers = new Option<int[]>("--workers") { Description = "Worker processes per round (one gpu slot each).", DefaultValueFactory = _ => [1, 2], AllowMultipleArgumentsPerToken = true };
        var units = new Option<int>("--units") { Description = "Units of the grid (one per seed).", DefaultValueFactory = _ => 8 };
        var epochs = new Option<int>("--epochs") { Description = "Epochs per unit.", DefaultValueFactory = _ => 2 };
        var stepsPerEpoch = new Option<int>("--steps-per-epoch") { Description = "Steps per epoch.", DefaultValueFactory = _ => 5 };
        var batch = new Option<int>("--batch") { Description = "Batch size.", DefaultValueFactory = _ => 32 };
        var images = new Option<int>("--images") { Description = "Training images of the synthetic CIFAR-10.", DefaultValueFactory = _ => 512 };

        var command = new Command("cluster", "Run one Train WRN grid on 1 and 2 (--workers) worker processes of a PostgreSQL cluster: units per hour and scheduling overhead per work item.")
        {
            store, workers, units, epochs, stepsPerEpoch, batch, images,
        };
        runner.Bind(command, async (context, cancellation) =>
        {
            var rounds = context.Value(workers);
            if (rounds.Length == 0 || rounds.Any(w => w < 1)) throw new InvalidInputException($"--workers: {string.Join(' ', rounds)} must be one or more counts of at least 1");
            var grid = new ClusterGrid(context.Value(units), context.Value(epochs), context.Value(stepsPerEpoch), context.Value(batch), context.Value(images));
            OptionRange.AtLeast(1).Check("--units", grid.Units);
            OptionRange.AtLeast(1).Check("--epochs", grid.Epochs);
            OptionRange.AtLeast(1).Check("--steps-per-epoch", grid.StepsPerEpoch);
            OptionRange.AtLeast(2).Check("--batch", grid.Batch);
            OptionRange.AtLeast(grid.Batch + 10).Check("--images", grid.Images);
            string? given = context.Parse.GetValue(store);
            if (given is not null && StoreLocation.Parse(given).Kind != StoreKind.PostgreSql)
                throw new InvalidInputException($"--store: '{StoreLocation.Parse(given)}' is not PostgreSQL; a cluster needs postgresql://");

            using var privateCluster = given is null ? PrivatePostgreSqlCluster.Start() : null;
            var measured = new List<(int Workers, ClusterTimings Timings)>();
            foreach (int count in rounds)
            {
                string round = given ?? privateCluster!.CreateDatabase();
                string artifacts = Directory.CreateTempSubdirectory("losssearch-bench-cluster-").FullName;
                try
                {
                    var options = EngineSetup.Options(context.Configuration, store: round, artifacts: artifacts);
                    measured.Add((count, await ClusterBench.RunAsync(round, options, grid, count, context.Logger, cancellation)));
                }
                finally
                {
                    Directory.Delete(artifacts, recursive: true);
                }
            }
            Report(context, grid, measured);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Report(CommandContext context, ClusterGrid grid, List<(int Workers, ClusterTimings Timings)> measured)
    {
        if (context.Json)
        {
            context.WriteJson(new
            {
                grid = new { grid.Units, grid.Epochs, grid.StepsPerEpoch, grid.Batch, grid.Images, model = "wrn-10-1" },
                processorCount = Environment.ProcessorCount,
                rounds = measured.Select(m => new
                {
                    workers = m.Workers,
                    nodes = m.Timings.Nodes,
                    units = m.Timings.Units,
                    wallSeconds = m.Timings.WallSeconds,
                    unitsPerHour = m.Timings.UnitsPerHour,
                    meanDispatchWaitSeconds = m.Timings.MeanDispatchWaitSeconds,
                    maxDispatchWaitSeconds = m.Timings.MaxDispatchWaitSeconds,
                    meanTrainingSeconds = m.Timings.MeanTrainingSeconds,
                    meanOutsideTrainingSeconds = m.Timings.MeanOutsideTrainingSeconds,
                }),
            });
            return;
        }
        string F(double v, string format = "F2") => v.ToString(format, CultureInfo.InvariantCulture);
        var table = new Table().AddColumns("workers", "nodes that ran units", "wall s", "units / hour", "dispatch wait s (mean / max)", "training s / unit", "outside training s / unit");
        foreach (var (workers, t) in measured)
            table.AddRow(workers.ToString(CultureInfo.InvariantCulture), t.Nodes.ToString(CultureInfo.InvariantCulture), F(t.WallSeconds), F(t.UnitsPerHour, "F0"),
                $"{F(t.MeanDispatchWaitSeconds)} / {F(t.MaxDispatchWaitSeconds)}", F(t.MeanTrainingSeconds), F(t.MeanOutsideTrainingSeconds));
        context.Terminal.Write(table);
        context.Output.WriteLine($"{grid.Units} units of WRN-10-1, {grid.Epochs} × {grid.StepsPerEpoch} steps of batch {grid.Batch} on synthetic CIFAR-10; " +
            $"{Environment.ProcessorCount} CPU cores here, shared by every worker: more workers than cores cannot train faster.");
    }
}
