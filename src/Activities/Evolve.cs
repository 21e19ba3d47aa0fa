using System.Text.Json;
using LossSearch.Activities.Charts;
using LossSearch.Activities.Choices;
using LossSearch.Activities.Funnel;
using LossSearch.Learning;
using LossSearch.Learning.Search;
using LossSearch.Workflows.Activities;

namespace LossSearch.Activities;

/// <summary>One regularized-evolution search per augmentation and seed, each the engine's work item; each resumes from its own checkpoint.</summary>
[Activity(Category = "Funnel", DisplayName = "Evolve", ExecutionGroup = "gpu",
    Description = "Regularized evolution of loss functions, one search per augmentation technique and seed, each candidate training a surrogate CNN.")]
public sealed class Evolve : FanOutActivity, IChartedActivity
{
    private static readonly SearchSettings Published = new();

    [Input(Description = "Dataset spec the surrogates train on (validation carved from its training split).", Required = true, Kind = InputKind.DatasetSpec)]
    public string Dataset { get; set; } = "";

    [Input(Description = "Augmentation techniques, one search each.", Choices = typeof(AugmentationChoices))]
    public List<string> Augmentations { get; set; } = ["autoaugment", "randaugment", "cutout", "mixup", "cutmix"];

    [Input(Description = "Search seeds, one search each per augmentation.", Minimum = 0)]
    public List<int> Seeds { get; set; } = [1];

    [Input(Description = "published (the predecessor's search as its code runs it) or ours; see the README's protocol table.", Choices = typeof(ProtocolChoices))]
    public string Protocol { get; set; } = "ours";

    [Input(Description = "Abort after this many candidates in a row fail with the same exception type.", Minimum = 1)]
    public int SystematicErrorLimit { get; set; } = Published.SystematicErrorLimit;

    [Input(Description = "Population size.", Minimum = 2)] public int Population { get; set; } = Published.PopulationSize;
    [Input(Description = "Tournament sample size (at most the population).", Minimum = 1)] public int Sample { get; set; } = Published.SampleSize;
    [Input(Description = "Children evaluated after the initial population.", Minimum = 1)] public int Children { get; set; } = Published.Children;
    [Input(Description = "Random losses in the initial pool (at least the population).", Minimum = 2)] public int Initial { get; set; } = Published.InitialPool;
    [Input(Description = "Score the initial pool with the cheap fitness, then re-score the best fully.")] public bool CheapInitialScoring { get; set; } = true;
    [Input(Description = "Surrogate architecture.", Choices = typeof(SurrogateChoices))] public string Surrogate { get; set; } = Published.Fitness.Surrogate;
    [Input(Description = "Training steps per candidate.", Minimum = 1)] public int Steps { get; set; } = Published.Fitness.Steps;
    [Input(Description = "Steps between validations and gate checks.", Minimum = 1)] public int StepsPerEpoch { get; set; } = Published.Fitness.StepsPerEpoch;
    [Input(Description = "Batch size of candidate training.", Minimum = 2)] public int Batch { get; set; } = Published.Fitness.BatchSize;
    [Input(Description = "Linear warm-up steps.", Minimum = 0)] public int Warmup { get; set; } = Published.Fitness.WarmupSteps;
    [Input(Description = "Fraction of the training split held out for validation (published: CIFAR's last 5,000 of 50,000).", Minimum = 0, ExclusiveMinimum = true, Maximum = 1, ExclusiveMaximum = true)]
    public double ValidationFraction { get; set; } = Published.ValidationFraction;
    [Input(Description = "Candidates trained at once.", Minimum = 1)] public int Parallel { get; set; } = 1;
    [Input(Description = "Losses per search passed on as output.", Minimum = 1)] public int Top { get; set; } = 10;
    [Input(Description = "auto, cpu, cuda or cuda:N.", Choices = typeof(DeviceChoices))] public string Device { get; set; } = "auto";

    [Output(Description = "Per search: augmentation, seed, top losses with fitness, history, summary and plot paths.")]
    public List<SearchResult> Searches { get; set; } = [];

    [Output(Description = "Every search's top losses as scores, for Select Top-K.")]
    public List<LossScore> Scores { get; set; } = [];

    public sealed record SearchResult(string Augmentation, int Seed, List<RankedLoss> Top, int Evaluated, Dictionary<string, int> Rejected, string History, string Summary, string Plot)
    {
        /// <summary>Cross-entropy's own fitness with the same recipe, seeds and data; null when it failed.</summary>
        public double? ReferenceFitness { get; init; }
        public string Protocol { get; init; } = "ours";
    }

    public IReadOnlyList<SearchSettings> Settings() =>
        Augmentations.SelectMany(augmentation => Seeds.Select(seed => SettingsFor(augmentation, seed))).ToList();

    private SearchSettings SettingsFor(string augmentation, int seed)
    {
        var fitness = Published.Fitness with
        {
            Surrogate = Surrogate, Steps = Steps, StepsPerEpoch = StepsPerEpoch, BatchSize = Batch, WarmupSteps = Math.Min(Warmup, Steps),
        };
        return Published with
        {
            Protocol = ProtocolSwitches.Parse(Protocol, "protocol"), SystematicErrorLimit = SystematicErrorLimit,
            Augmentation = augmentation, Dataset = Dataset, Seed = seed,
            PopulationSize = Population, SampleSize = Sample, Children = Children, InitialPool = Initial, Parallel = Parallel,
            ValidationFraction = ValidationFraction,
            Fitness = fitness,
            CheapFitness = CheapInitialScoring ? fitness.Cheap() : null,
        };
    }

    /// <summary>The search settings' own checks (sample ≤ population ≤ initial pool, ...), named by the input they concern.</summary>
    public override IEnumerable<InputProblem> Validate(IReadOnlySet<string> unknown)
    {
        if (new[] { "population", "sample", "children", "initial", "parallel", "steps", "stepsPerEpoch", "batch", "warmup", "protocol", "systematicErrorLimit", "validationFraction" }.Any(unknown.Contains)) return [];
        try
        {
            SettingsFor("baseline", 1).Validate();
            return [];
        }
        catch (InvalidInputException e)
        {
            // Messages start with the setting's name, e.g. "sample: …" or "fitness.batch: …".
            string setting = e.Message.Split(':')[0].Split('.')[^1];
            return [new InputProblem(setting == "warmupSteps" ? "warmup" : setting, e.Message)];
        }
    }

    /// <summary>One search's outcome: what becomes its entry in <see cref="Searches"/> and its part of <see cref="Scores"/>.</summary>
    public sealed record SearchItem(SearchResult Search, List<LossScore> Scores);

    public override IReadOnlyList<string> WorkItems() => Settings().Select(s => $"{Safe(s.Augmentation)}-seed{s.Seed}").ToList();

    public override void Validate(ActivityContext context)
    {
        foreach (var settings in Settings()) settings.Validate();
    }

    public override async Task<JsonElement> RunWorkItemAsync(int index, ActivityContext context)
    {
        var settings = Settings()[index];
        string label = $"{settings.Augmentation} seed {settings.Seed}";
        string folder = Path.Combine(context.CheckpointDirectory, WorkItems()[index]);
        context.Logger.Information("Search {Label} in {Folder}", label, folder);
        var (progress, training) = ActivityProgressBridge.ForSearch(context, 0, 1, label);
        var outcome = await LossSearchRun.RunAsync(settings, folder, Device,
            progress, w => context.Logger.Warning("{Warning}", w), context.CancellationToken, training);
        var top = outcome.Top.Take(Top).ToList();
        var search = new SearchResult(settings.Augmentation, (int)settings.Seed, top, outcome.Evaluated, outcome.Rejected.ToDictionary(), outcome.History, outcome.Summary, outcome.Plot)
        {
            ReferenceFitness = outcome.ReferenceFitness, Protocol = settings.Protocol.ToString().ToLowerInvariant(),
        };
        var scores = top.Select(t => new LossScore(t.Expression, settings.Augmentation, null, (int)settings.Seed, t.Fitness)).ToList();
        return JsonSerializer.SerializeToElement(new SearchItem(search, scores), ValueJson.Options);
    }

    public override void Gather(IReadOnlyList<JsonElement> results)
    {
        var items = results.Select(r => r.Deserialize<SearchItem>(ValueJson.Options)!).ToList();
        Searches = items.Select(i => i.Search).ToList();
        Scores = items.SelectMany(i => i.Scores).ToList();
    }

    public ActivityChart ReadChart(string checkpointDirectory) => SearchCharts.Read(checkpointDirectory);

    private static string Safe(string text) => new(text.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
}
