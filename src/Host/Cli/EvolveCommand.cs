using System.CommandLine;
using LossSearch.Learning;
using LossSearch.Learning.Search;
using Spectre.Console;

namespace LossSearch.Host.Cli;

/// <summary><c>losssearch evolve</c>: one regularized-evolution search with a live progress display.</summary>
public static class EvolveCommand
{
    public static Command Create(CommandRunner runner)
    {
        var published = new SearchSettings();
        var augment = new Option<string>("--augment") { Description = "Augmentation technique under study (baseline, cutout, mixup, cutmix, autoaugment, randaugment, trivialaugment, augmix; parameters as name?k=v).", Required = true };
        var dataset = new Option<string>("--dataset") { Description = "Dataset spec, e.g. fashion-mnist:/usr/share/datasets/fashion-mnist or synthetic:cifar10?n=2000&seed=1.", Required = true };
        var population = new Option<int>("--population") { Description = "Population size.", DefaultValueFactory = _ => published.PopulationSize };
        var sample = new Option<int>("--sample") { Description = "Tournament sample size.", DefaultValueFactory = _ => published.SampleSize };
        var children = new Option<int>("--children") { Description = "Children to evaluate after the initial population.", DefaultValueFactory = _ => published.Children };
        var initial = new Option<int>("--initial") { Description = "Random losses in the initial pool.", DefaultValueFactory = _ => published.InitialPool };
        var skipCheap = new Option<bool>("--skip-cheap") { Description = "Score the initial pool with the full fitness instead of the cheap one." };
        var surrogate = new Option<string>("--surrogate") { Description = "Surrogate architecture (resnet9v2, wrn-D-K).", DefaultValueFactory = _ => published.Fitness.Surrogate };
        var steps = new Option<int>("--steps") { Description = "Training steps per candidate.", DefaultValueFactory = _ => published.Fitness.Steps };
        var stepsPerEpoch = new Option<int>("--steps-per-epoch") { Description = "Steps between validations (and gate checks).", DefaultValueFactory = _ => published.Fitness.StepsPerEpoch };
        var batch = new Option<int>("--batch") { Description = "Batch size of candidate training.", DefaultValueFactory = _ => published.Fitness.BatchSize };
        var warmup = new Option<int>("--warmup") { Description = "Linear warm-up steps before the cosine decay.", DefaultValueFactory = _ => published.Fitness.WarmupSteps };
        var seed = new Option<long>("--seed") { Description = "Seed of the search (losses drawn, mutations, trainings).", DefaultValueFactory = _ => 1 };
        var parallel = new Option<int>("--parallel") { Description = "Candidates in flight at once (results applied in order).", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder of the search (history, checkpoints, summary, plot).", DefaultValueFactory = _ => Path.Combine("artifacts", "evolve") };
        var protocol = new Option<string>("--protocol") { Description = "published (the predecessor's search as its code runs it) or ours; see the README's protocol table.", DefaultValueFactory = _ => "ours" };
        var systematic = new Option<int>("--systematic-error-limit") { Description = "Abort after this many candidates in a row fail with the same exception type.", DefaultValueFactory = _ => published.SystematicErrorLimit };
        var validationFraction = new Option<double>("--validation-fraction") { Description = "Fraction of the training split held out for validation.", DefaultValueFactory = _ => published.ValidationFraction };
        var noReference = new Option<bool>("--no-reference") { Description = "Do not score cross-entropy as the search's reference line." };
        var resume = new Option<bool>("--resume") { Description = "Continue the search in --out from its last checkpoint." };

        var command = new Command("evolve", "Run one regularized-evolution search of loss functions for an augmentation technique.")
        {
            augment, dataset, population, sample, children, initial, skipCheap, surrogate, steps, stepsPerEpoch, batch, warmup, seed, parallel, output, resume,
            protocol, systematic, noReference, validationFraction,
        };
        runner.Bind(command, async (context, cancellation) =>
        {
            var fitness = published.Fitness with
            {
                Surrogate = context.Value(surrogate), Steps = context.Value(steps), StepsPerEpoch = context.Value(stepsPerEpoch),
                BatchSize = context.Value(batch), WarmupSteps = Math.Min(context.Value(warmup), context.Value(steps)),
            };
            var settings = published with
            {
                Protocol = ProtocolSwitches.Parse(context.Value(protocol), "--protocol"), SystematicErrorLimit = context.Value(systematic),
                ScoreReference = !context.Value(noReference), ValidationFraction = context.Value(validationFraction),
                Augmentation = context.Value(augment), Dataset = context.Value(dataset),
                PopulationSize = context.Value(population), SampleSize = context.Value(sample), Children = context.Value(children),
                InitialPool = context.Value(initial), Seed = context.Value(seed), Parallel = context.Value(parallel),
                Fitness = fitness,
                CheapFitness = context.Value(skipCheap) ? null : fitness.Cheap(),
            };
            string folder = context.Value(output);
            if (File.Exists(folder)) throw new InvalidInputException($"--out: '{folder}' is a file; name a folder for the search.");
            new OptionRange(0, 1, ExclusiveMaximum: true).Check("--validation-fraction", context.Value(validationFraction));
            if (!context.Value(resume) && File.Exists(Path.Combine(folder, "state.json")))
                throw new InvalidInputException($"--out: '{folder}' already holds a search; pass --resume to continue it or choose another folder.");

            void Warn(string message) => context.Logger.Warning("{Warning}", message);
            SearchOutcome outcome;
            if (context.Json)
                outcome = await LossSearchRun.RunAsync(settings, folder, context.DeviceSpec, null, Warn, cancellation);
            else
                outcome = await context.Terminal.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(async progressContext =>
                    {
                        var bar = progressContext.AddTask("evolving", maxValue: 1);
                        var reporter = new Progress<SearchProgress>(p =>
                        {
                            bar.MaxValue = p.Total;
                            bar.Value = p.Applied;
                            string rejected = string.Join(", ", p.Rejections.OrderByDescending(r => r.Value).Take(3).Select(r => $"{r.Key} {r.Value}"));
                            bar.Description = Markup.Escape($"{p.Phase} {p.Applied}/{p.Total} best {p.BestFitness:F4} | {Shorten(p.Current)} | rejected: {rejected}");
                        });
                        return await LossSearchRun.RunAsync(settings, folder, context.DeviceSpec, reporter, Warn, cancellation);
                    });

            if (context.Json)
                context.WriteJson(new
                {
                    top = outcome.Top.Select(t => new { expression = t.Expression, fitness = t.Fitness, latex = t.Latex, id = t.CandidateId }),
                    evaluated = outcome.Evaluated,
                    referenceFitness = outcome.ReferenceFitness,
                    rejected = outcome.Rejected,
                    history = outcome.History,
                    summary = outcome.Summary,
                    plot = outcome.Plot,
                });
            else
            {
                var table = new Table().AddColumns("#", "fitness", "loss");
                for (int i = 0; i < outcome.Top.Count; i++)
                    table.AddRow((i + 1).ToString(), outcome.Top[i].Fitness.ToString("F4"), Markup.Escape(outcome.Top[i].Expression));
                context.Terminal.Write(table);
                context.Output.WriteLine($"cross-entropy's own fitness: {(outcome.ReferenceFitness is double r ? r.ToString("F4") : "not scored")}");
                context.Output.WriteLine($"{outcome.Evaluated} trainings; history {outcome.History}; plot {outcome.Plot}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..37] + "...";
}
