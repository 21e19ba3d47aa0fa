using System.Text.Json;
using LossSearch.Activities.Charts;
using LossSearch.Activities.Choices;
using LossSearch.Learning;
using LossSearch.Learning.Data;
using LossSearch.Learning.Reports;
using LossSearch.Learning.Runtime;
using LossSearch.Learning.Statistics;
using LossSearch.Learning.Training;
using LossSearch.Workflows.Activities;

namespace LossSearch.Activities.Funnel;

/// <summary>
/// The inputs and outputs shared by the two training stages: a grid of loss × dataset ×
/// augmentation × seed runs, each its own resumable unit and the engine's work item (any node with
/// a free gpu slot takes it), summarised as mean ± std over seeds.
/// </summary>
public abstract class TrainingGridActivity : FanOutActivity, IChartedActivity
{
    [Input(Description = "Losses to train (names or expressions), e.g. Select Top-K's 'losses'.", Required = true, Choices = typeof(LossChoices))]
    public List<string> Losses { get; set; } = [];

    [Input(Description = "Dataset specs.", Kind = InputKind.DatasetSpec)] public List<string> Datasets { get; set; } = [];
    [Input(Description = "Augmentation techniques.", Choices = typeof(AugmentationChoices))] public List<string> Augmentations { get; set; } = ["autoaugment", "randaugment", "cutout", "mixup", "cutmix"];
    [Input(Description = "Seeds; mean ± std and the paired test run over them.", Minimum = 0)] public List<int> Seeds { get; set; } = [1];
    [Input(Description = "Batch size.", Minimum = 2)] public int Batch { get; set; }
    [Input(Description = "Peak learning rate.", Minimum = 0, ExclusiveMinimum = true)] public double LearningRate { get; set; }
    [Input(Description = "Weight decay.", Minimum = 0)] public double WeightDecay { get; set; }
    [Input(Description = "Label smoothing applied to the targets.", Minimum = 0, Maximum = 1, ExclusiveMaximum = true)] public double LabelSmoothing { get; set; }
    [Input(Description = "Side of the square images that image-file datasets are decoded to.", Minimum = 8, Maximum = 1024, Kind = InputKind.ImageSide)] public int ImageSize { get; set; } = DatasetOptions.DefaultImageSize;
    [Input(Description = "auto, cpu, cuda or cuda:N.", Choices = typeof(DeviceChoices))] public string Device { get; set; } = "auto";

    [Input(Description = "Fraction of each training split carved (stratified, seeded) as validation: the per-epoch curve and the scores Select Top-K ranks by. 0: none (then selectOn must be test).", Minimum = 0, Maximum = 1, ExclusiveMaximum = true)]
    public double Validation { get; set; } = 0.1;

    [Input(Description = "Seed of the stratified validation carve.", Minimum = 0)] public int ValidationSeed { get; set; }

    [Input(Description = "validation (default) or test: the split of the scores passed to Select Top-K. test reproduces the paper's practice of choosing on the test split; the report labels it so.", Choices = typeof(SelectOnChoices))]
    public string SelectOn { get; set; } = TrainingGrid.ValidationSplit;

    [Output(Description = "Every unit's final test accuracy, final validation accuracy and training curve.")]
    public List<GridUnitResult> Results { get; set; } = [];

    [Output(Description = "Mean ± std over seeds per loss × dataset × augmentation.")]
    public List<TableRow> Table { get; set; } = [];

    [Output(Description = "Final top-1 of every unit on the selectOn split as scores, for Select Top-K.")]
    public List<LossScore> Scores { get; set; } = [];

    public sealed record TableRow(string Loss, string Dataset, string Augmentation, int Seeds, double Mean, double Std);

    /// <summary>The stage's training job for one unit (model, recipe, weights).</summary>
    protected abstract TrainingJob JobFor(GridUnit unit);

    /// <summary>Checks done before any data is read, e.g. a missing weights file.</summary>
    protected virtual void Preflight(ActivityContext context) { }

    public IReadOnlyList<GridUnit> Units() =>
        (from dataset in Datasets from augmentation in Augmentations from loss in Losses from seed in Seeds
         select new GridUnit(loss, dataset, augmentation, seed)).ToList();

    /// <summary><c>validation</c> or <c>test</c>, checked against <see cref="Validation"/>.</summary>
    public string SelectionSplit()
    {
        string split = SelectOn.Trim().ToLowerInvariant();
        if (split is not (TrainingGrid.ValidationSplit or TrainingGrid.TestSplit))
            throw new InvalidInputException($"selectOn: '{SelectOn}' is not a split (validation, test)");
        if (split == TrainingGrid.ValidationSplit && Validation <= 0)
            throw new InvalidInputException("selectOn: validation needs a validation split; set validation above 0, or selectOn to test (the paper's practice)");
        if (Validation is < 0 or >= 1)
            throw new InvalidInputException($"validation: {Validation} must lie in [0, 1)");
        return split;
    }

    public override IReadOnlyList<string> WorkItems() => Units().Select(u => u.Key).ToList();

    /// <summary>The whole grid in this process (datasets opened once, grid-wide progress), gathered like the engine's work items.</summary>
    public override Task ExecuteAsync(ActivityContext context)
    {
        Validate(context);
        var results = Grid(Units(), context).Run(context.CheckpointDirectory, ActivityProgressBridge.ForGrid(context), context.CancellationToken);
        Gather(results.Select(r => JsonSerializer.SerializeToElement(r, ValueJson.Options)).ToList());
        return Task.CompletedTask;
    }

    public override void Validate(ActivityContext context)
    {
        SelectionSplit();
        Preflight(context);
        Grid(Units(), context).Validate();
    }

    /// <summary>One unit: trains it (or continues its last epoch), leaving its result.json in its own folder.</summary>
    public override Task<JsonElement> RunWorkItemAsync(int index, ActivityContext context)
    {
        var result = Grid([Units()[index]], context).Run(context.CheckpointDirectory, ActivityProgressBridge.ForGrid(context), context.CancellationToken).Single();
        return Task.FromResult(JsonSerializer.SerializeToElement(result, ValueJson.Options));
    }

    public override void Gather(IReadOnlyList<JsonElement> results)
    {
        string split = SelectionSplit();
        Results = results.Select(r => r.Deserialize<GridUnitResult>(ValueJson.Options)! with { SelectedOn = split }).ToList();
        Scores = Results.Select(r => new LossScore(r.Loss, r.Augmentation, r.Dataset, r.Seed, split == TrainingGrid.TestSplit ? r.Top1 : r.ValidationTop1!.Value) { Split = split }).ToList();
        Table = Results.GroupBy(r => (r.Loss, r.Dataset, r.Augmentation))
            .Select(g =>
            {
                var summary = SampleSummary.Of(g.Select(r => r.Top1).ToList());
                return new TableRow(g.Key.Loss, g.Key.Dataset, g.Key.Augmentation, summary.Count, summary.Mean, summary.StandardDeviation);
            }).ToList();
    }

    public ActivityChart ReadChart(string checkpointDirectory) => GridCharts.Read(checkpointDirectory);

    private TrainingGrid Grid(IReadOnlyList<GridUnit> units, ActivityContext context) => new(units, JobFor, new DatasetOptions
    {
        ValidationFraction = Validation > 0 ? Validation : null, ValidationCount = Validation > 0 ? null : 0, SplitSeed = ValidationSeed,
        ImageSize = ImageSize, Device = DeviceSelection.Resolve(Device),
        CacheDirectory = Path.Combine(context.CheckpointDirectory, "..", "..", "cache"),
    });

    /// <summary>A unit's run: <paramref name="epochs"/> evaluations, each after <paramref name="stepsPerEpoch"/> steps (null: one pass over the training split).</summary>
    protected TrainingRun Run(GridUnit unit, int epochs, int? stepsPerEpoch, OptimizerSettings optimizer, ScheduleSettings schedule, double? ema = null) => new()
    {
        Epochs = epochs,
        StepsPerEpoch = stepsPerEpoch,
        BatchSize = Batch,
        Optimizer = optimizer,
        Schedule = schedule,
        LabelSmoothing = LabelSmoothing,
        EmaDecay = ema,
        Seed = unit.Seed,
        Device = Device,
    };
}
