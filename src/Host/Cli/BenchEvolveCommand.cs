using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LossSearch.Learning;
using LossSearch.Learning.Search;
using Spectre.Console;
using static TorchSharp.torch;

namespace LossSearch.Host.Cli;

/// <summary>
/// <c>losssearch bench evolve</c>: one small regularized-evolution search, end to end as <c>evolve</c>
/// runs it (cheap-scored pool, full re-scoring, children; checkpoint and history after every
/// candidate), reporting candidates evaluated per hour and the share of the search's wall time spent
/// outside surrogate training — the evolution's own overhead, whose target is under 5 %.
/// </summary>
public static class BenchEvolveCommand
{
    public const string FashionMnistFolder = "/usr/share/datasets/fashion-mnist";
    public const string SyntheticFallback = "synthetic:fashion-mnist?n=2000&seed=1";
    public const double TargetPercent = 5;

    public static Command Create(CommandRunner runner)
    {
        var dataset = new Option<string?>("--dataset") { Description = $"Dataset spec (default: fashion-mnist:{FashionMnistFolder} when present, else {SyntheticFallback})." };
        var augment = new Option<string>("--augment") { Description = "Augmentation technique of the full fitness.", DefaultValueFactory = _ => "baseline" };
        var surrogate = new Option<string>("--surrogate") { Description = "Surrogate architecture.", DefaultValueFactory = _ => "resnet9v2" };
        var population = new Option<int>("--population") { Description = "Population size.", DefaultValueFactory = _ => 4 };
        var sample = new Option<int>("--sample") { Description = "Tournament sample size.", DefaultValueFactory = _ => 2 };
        var initial = new Option<int>("--initial") { Description = "Random losses in the initial pool (scored cheaply unless --skip-cheap).", DefaultValueFactory = _ => 4 };
        var children = new Option<int>("--children") { Description = "Children after the initial population.", DefaultValueFactory = _ => 8 };
        var skipCheap = new Option<bool>("--skip-cheap") { Description = "Score the initial pool with the full fitness instead of the cheap one." };
        var steps = new Option<int>("--steps") { Description = "Training steps per candidate.", DefaultValueFactory = _ => 40 };
        var stepsPerEpoch = new Option<int>("--steps-per-epoch") { Description = "Steps between validations.", DefaultValueFactory = _ => 20 };
        var batch = new Option<int>("--batch") { Description = "Batch size of candidate training.", DefaultValueFactory = _ => 64 };
        var validation = new Option<double>("--validation-fraction") { Description = "Fraction of the training split held out for validation.", DefaultValueFactory = _ => 0.1 };
        var seed = new Option<long>("--seed") { Description = "Seed of the search.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "CPU threads for libtorch (0 keeps its default).", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--out") { Description = "Folder of the search, kept afterwards (default: a temporary folder, deleted)." };

        var command = new Command("evolve", "Time a small regularized-evolution search: candidates per hour and the share of time outside surrogate training.")
        {
            dataset, augment, surrogate, population, sample, initial, children, skipCheap, steps, stepsPerEpoch, batch, validation, seed, threads, output,
        };
        runner.Bind(command, async (context, cancellation) =>
        {
            int threadCount = context.Value(threads);
            OptionRange.Threads.Check("--threads", threadCount);
            OptionRange.AtLeast(2).Check("--population", context.Value(population));
            OptionRange.AtLeast(1).Check("--sample", context.Value(sample));
            OptionRange.AtLeast(2).Check("--initial", context.Value(initial));
            OptionRange.AtLeast(1).Check("--children", context.Value(children));
            OptionRange.AtLeast(1).Check("--steps", context.Value(steps));
            OptionRange.AtLeast(1).Check("--steps-per-epoch", context.Value(stepsPerEpoch));
            new OptionRange(2, OptionRange.BenchBatch.Maximum).Check("--batch", context.Value(batch));
            new OptionRange(0, 1, ExclusiveMinimum: true, ExclusiveMaximum: true).Check("--validation-fraction", context.Value(validation));
            if (threadCount > 0) set_num_threads(threadCount);
            var fitness = new FitnessSettings
            {
                Surrogate = context.Value(surrogate), Steps = context.Value(steps), StepsPerEpoch = context.Value(stepsPerEpoch),
                BatchSize = context.Value(batch), WarmupSteps = context.Value(steps) / 10, GateEpoch = 0,
            };
            var settings = new SearchSettings
            {
                Augmentation = context.Value(augment),
                Dataset = context.Parse.GetValue(dataset) ?? DefaultDataset(),
                PopulationSize = context.Value(population), SampleSize = context.Value(sample),
                InitialPool = context.Value(initial), Children = context.Value(children),
                ValidationFraction = context.Value(validation), Seed = context.Value(seed),
                Fitness = fitness,
                CheapFitness = context.Value(skipCheap) ? null : fitness,
            };
            settings.Validate();

            string? given = context.Parse.GetValue(output);
            if (given is not null && Directory.Exists(given) && Directory.EnumerateFileSystemEntries(given).Any())
                throw new InvalidInputException($"--out: '{given}' is not empty; the bench starts a fresh search.");
            string folder = given ?? Directory.CreateTempSubdirectory("losssearch-bench-evolve-").FullName;
            try
            {
                context.Logger.Information("Bench search on {Dataset} in {Folder}", settings.Dataset, folder);
                long start = Stopwatch.GetTimestamp();
                var outcome = await LossSearchRun.RunAsync(settings, folder, context.DeviceSpec,
                    warning: message => context.Logger.Warning("{Warning}", message), cancellation: cancellation);
                double total = Stopwatch.GetElapsedTime(start).TotalSeconds;
                Report(context, settings, outcome, total);
            }
            finally
            {
                if (given is null) Directory.Delete(folder, recursive: true);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    public static string DefaultDataset() =>
        File.Exists(Path.Combine(FashionMnistFolder, "train-images-idx3-ubyte.gz")) ? $"fashion-mnist:{FashionMnistFolder}" : SyntheticFallback;

    private static void Report(CommandContext context, SearchSettings settings, SearchOutcome outcome, double totalSeconds)
    {
        double outside = Math.Max(0, outcome.WallSeconds - outcome.TrainingSeconds);
        double outsidePercent = outcome.WallSeconds > 0 ? outside / outcome.WallSeconds * 100 : double.NaN;
        double perHour = outcome.WallSeconds > 0 ? outcome.Evaluated / outcome.WallSeconds * 3600 : double.NaN;
        var fitness = settings.Fitness;
        if (context.Json)
        {
            context.WriteJson(new
            {
                device = context.DeviceSpec,
                threads = get_num_threads(),
                dataset = settings.Dataset,
                augmentation = settings.Augmentation,
                surrogate = fitness.Surrogate,
                population = settings.PopulationSize,
                sample = settings.SampleSize,
                initial = settings.InitialPool,
                children = settings.Children,
                cheapPool = settings.CheapFitness is not null,
                steps = fitness.Steps,
                stepsPerEpoch = fitness.StepsPerEpoch,
                batch = fitness.BatchSize,
                evaluated = outcome.Evaluated,
                rejected = outcome.Rejected,
                setupSeconds = totalSeconds - outcome.WallSeconds,
                searchSeconds = outcome.WallSeconds,
                trainingSeconds = outcome.TrainingSeconds,
                outsideTrainingSeconds = outside,
                outsideTrainingPercent = outsidePercent,
                targetPercent = TargetPercent,
                meetsTarget = outsidePercent < TargetPercent,
                candidatesPerHour = perHour,
                bestFitness = outcome.Top.Count > 0 ? outcome.Top[0].Fitness : (double?)null,
            });
            return;
        }
        string F(double v, string format = "F2") => v.ToString(format, CultureInfo.InvariantCulture);
        var table = new Table().AddColumns("measurement", "value");
        table.AddRow("search", Markup.Escape($"{settings.Dataset}, {settings.Augmentation}, {fitness.Surrogate}; population {settings.PopulationSize}, " +
            $"sample {settings.SampleSize}, initial {settings.InitialPool}{(settings.CheapFitness is null ? "" : " (cheap)")}, children {settings.Children}; " +
            $"{fitness.Steps} steps of batch {fitness.BatchSize}, validation every {fitness.StepsPerEpoch}"));
        table.AddRow("candidates trained", outcome.Evaluated.ToString(CultureInfo.InvariantCulture));
        table.AddRow("setup (data, statistics) s", F(totalSeconds - outcome.WallSeconds));
        table.AddRow("search wall s", F(outcome.WallSeconds));
        table.AddRow("inside surrogate training s", F(outcome.TrainingSeconds));
        table.AddRow("outside surrogate training", $"{F(outside)} s = {F(outsidePercent)} % (target < {F(TargetPercent, "F0")} %)");
        table.AddRow("candidates per hour", F(perHour, "F0"));
        context.Terminal.Write(table);
    }
}
