using System.Globalization;
using System.Reflection;
using System.Text;
using static LossSearch.Learning.Recipes.RecipeSources;

namespace LossSearch.Learning.Recipes;

/// <summary>One number of the table: its recipe, its name, its value as text and its source.</summary>
public sealed record RecipeRow(string Recipe, string Name, string Value, string Source);

/// <summary>
/// Every named recipe of the funnel, each number with its source. Activity defaults,
/// <see cref="Search.SearchSettings"/> and <c>workflows/funnel.json</c> read from here (a test holds the
/// workflow to it); the README's recipe table is <see cref="Markdown"/>.
/// </summary>
public static class RecipeTable
{
    /// <summary>The initial pool's fitness: 80 × 100 steps at 32×32, no augmentation; the code's <c>EpochCallback(epoch=6)</c> is 0-based, so the gate acts from epoch 7.</summary>
    public static readonly FitnessRecipe CheapFitness = new()
    {
        Surrogate = new("resnet9v2", CheapFitnessCode),
        Steps = new(8_000, $"{CheapFitnessCode}: epochs=80 × steps_per_epoch=100"),
        StepsPerEpoch = new(100, CheapFitnessCode),
        BatchSize = new(128, $"{CheapFitnessCode}: BATCH_SIZE"),
        LearningRate = new(1e-3, $"{CheapFitnessCode}: WarmupCosineDecay target_lr"),
        WarmupSteps = new(800, $"{CheapFitnessCode}: WarmupCosineDecay warmup_steps"),
        GateEpoch = new(7, $"{CheapFitnessCode}: EpochCallback epoch >= 6 (0-based)"),
        GateAccuracy = new(0.35, $"{CheapFitnessCode}: threshold"),
        ImageSize = new(32, $"{CheapFitnessCode}: IMG_SHAPE"),
    };

    /// <summary>The full fitness's pre-gate: 8 × 100 steps at 32×32 that must reach train accuracy 0.35.</summary>
    public static readonly PreGateRecipe PreGate = new()
    {
        Epochs = new(8, $"{FullFitnessCode}: first fit, epochs=8"),
        BatchSize = new(128, $"{FullFitnessCode}: trainloader (BATCH_SIZE)"),
        Accuracy = new(0.35, $"{FullFitnessCode}: first threshold"),
        ImageSize = new(32, $"{FullFitnessCode}: trainloader (IMG_SHAPE)"),
    };

    /// <summary>The full fitness's main training: a fresh surrogate at 80×80, gate 0.22 from epoch 8 (the code's 0-based <c>epoch=7</c>).</summary>
    public static readonly FitnessRecipe FullFitness = new()
    {
        Surrogate = new("resnet9v2", FullFitnessCode),
        Steps = new(8_000, $"{FullFitnessCode}: epochs=80 × steps_per_epoch=100"),
        StepsPerEpoch = new(100, FullFitnessCode),
        BatchSize = new(64, $"{FullFitnessCode}: trainloader_randaug_80 .batch(64)"),
        LearningRate = new(1e-3, $"{FullFitnessCode}: WarmupCosineDecay target_lr"),
        WarmupSteps = new(800, $"{FullFitnessCode}: WarmupCosineDecay warmup_steps"),
        GateEpoch = new(8, $"{FullFitnessCode}: EpochCallback epoch=7 (0-based)"),
        GateAccuracy = new(0.22, $"{FullFitnessCode}: second threshold"),
        ImageSize = new(80, $"{FullFitnessCode}: RandomProcessImage((80, 80))"),
    };

    public static readonly SearchRecipe Search = new()
    {
        Population = new(100, $"{SearchCode}: gen_size"),
        Sample = new(20, $"{SearchCode}: np.random.choice(range(gen_size), 20)"),
        Children = new(4_000, $"{SearchCode}: 8 × evolve(max_iter=500)"),
        InitialPool = new(1_000, $"{SearchCode}: init_size"),
        HiddenNodes = new(4, $"{SearchCode}: Loss.nodes"),
        MutationRetries = new(2_500, $"{SearchCode}: done_mutating"),
        TrainingRedraws = new(7, $"{SearchCode}: max_redo"),
        ValidationFraction = new(0.1, SearchSplit),
    };

    public static readonly WrnRecipe Wrn = new()
    {
        Depth = new(28, WrnPaper),
        Width = new(10, WrnPaper),
        Dropout = new(0.0, WrnDropout),
        Epochs = new(200, WrnPaper),
        BatchSize = new(128, WrnPaper),
        LearningRate = new(0.1, WrnPaper),
        Momentum = new(0.9, $"{WrnPaper} (Nesterov)"),
        WeightDecay = new(5e-4, WrnPaper),
        DropEpochs = new([60, 120, 160], WrnPaper),
        DropFactor = new(0.2, WrnPaper),
    };

    public static readonly FineTuneRecipe FineTune = new()
    {
        Steps = new(10_000, $"{EfficientNet}: at least 10,000 steps"),
        BatchSize = new(512, EfficientNet),
        LearningRate = new(5e-4, $"{EfficientNet}: constant after the warm-up"),
        Momentum = new(0.9, EfficientNetOptimizer),
        Epsilon = new(1e-3, EfficientNetOptimizer),
        WarmupEpochs = new(1.0, $"{EfficientNet}: one epoch, measured on the real training split"),
        Ema = new(0.9996, EfficientNet),
        WeightDecay = new(1e-5, EfficientNet),
        LabelSmoothing = new(0.1, EfficientNet),
        ImageSize = new(384, EfficientNetImageSize),
        StepsPerEvaluation = new(1_000, $"{Ours}: 10 evaluations of the validation split"),
    };

    /// <summary>The recipes in table order, each with its display name.</summary>
    public static IReadOnlyList<(string Name, object Recipe)> Recipes =>
    [
        ("cheap fitness", CheapFitness), ("full fitness: pre-gate", PreGate), ("full fitness", FullFitness),
        ("search", Search), ("WRN-28-10", Wrn), ("EfficientNetV2-S fine-tuning", FineTune),
    ];

    /// <summary>Every number of every recipe, in declaration order.</summary>
    public static IReadOnlyList<RecipeRow> Rows() =>
        Recipes.SelectMany(r => r.Recipe.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(Sourced<>))
            .Select(p =>
            {
                object sourced = p.GetValue(r.Recipe)!;
                object value = sourced.GetType().GetProperty(nameof(Sourced<int>.Value))!.GetValue(sourced)!;
                string source = (string)sourced.GetType().GetProperty(nameof(Sourced<int>.Source))!.GetValue(sourced)!;
                return new RecipeRow(r.Name, p.Name, Format(value), source);
            })).ToList();

    /// <summary>The table as Markdown, as the README shows it.</summary>
    public static string Markdown()
    {
        var text = new StringBuilder("| recipe | setting | value | source |\n|---|---|---:|---|\n");
        foreach (var row in Rows())
            text.Append("| ").Append(row.Recipe).Append(" | `").Append(row.Name).Append("` | ").Append(row.Value).Append(" | ").Append(row.Source).Append(" |\n");
        return text.ToString();
    }

    private static string Format(object value) => value switch
    {
        IEnumerable<int> list => "[" + string.Join(", ", list) + "]",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
