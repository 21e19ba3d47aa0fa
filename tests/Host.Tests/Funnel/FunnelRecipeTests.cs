using System.Text.Json;
using LossSearch.Activities;
using LossSearch.Learning.Recipes;
using LossSearch.Learning.Search;
using LossSearch.Workflows.Definitions;

namespace LossSearch.Host.Tests.Funnel;

/// <summary>workflows/funnel.json, the activities' defaults and the README hold the numbers of <see cref="RecipeTable"/>.</summary>
public class FunnelRecipeTests
{
    private static IReadOnlyDictionary<string, JsonElement> Inputs(string type) =>
        DefinitionJson.Parse(File.ReadAllText(RepositoryFiles.Workflow("funnel.json"))).Root.Activities.Single(a => a.Type == type).Inputs;

    private static void Holds(IReadOnlyDictionary<string, JsonElement> inputs, string name, object expected)
    {
        Assert.True(inputs.ContainsKey(name), $"funnel.json has no input '{name}'");
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(JsonSerializer.Deserialize(inputs[name].GetRawText(), expected.GetType())));
    }

    [Fact]
    public void FunnelJsonEqualsTheTable()
    {
        var evolve = Inputs("Evolve");
        var search = RecipeTable.Search;
        var full = RecipeTable.FullFitness;
        Holds(evolve, "population", search.Population.Value);
        Holds(evolve, "sample", search.Sample.Value);
        Holds(evolve, "children", search.Children.Value);
        Holds(evolve, "initial", search.InitialPool.Value);
        Holds(evolve, "surrogate", full.Surrogate.Value);
        Holds(evolve, "steps", full.Steps.Value);
        Holds(evolve, "stepsPerEpoch", full.StepsPerEpoch.Value);
        Holds(evolve, "batch", full.BatchSize.Value);
        Holds(evolve, "warmup", full.WarmupSteps.Value);
        Holds(evolve, "validationFraction", search.ValidationFraction.Value);

        var wrn = Inputs("TrainWrn");
        var w = RecipeTable.Wrn;
        Holds(wrn, "depth", w.Depth.Value);
        Holds(wrn, "width", w.Width.Value);
        Holds(wrn, "dropout", w.Dropout.Value);
        Holds(wrn, "epochs", w.Epochs.Value);
        Holds(wrn, "batch", w.BatchSize.Value);
        Holds(wrn, "learningRate", w.LearningRate.Value);
        Holds(wrn, "momentum", w.Momentum.Value);
        Holds(wrn, "weightDecay", w.WeightDecay.Value);
        Holds(wrn, "dropEpochs", w.DropEpochs.Value.ToList());
        Holds(wrn, "dropFactor", w.DropFactor.Value);

        var fineTune = Inputs("FineTuneEfficientNet");
        var f = RecipeTable.FineTune;
        Holds(fineTune, "steps", f.Steps.Value);
        Holds(fineTune, "stepsPerEvaluation", f.StepsPerEvaluation.Value);
        Holds(fineTune, "batch", f.BatchSize.Value);
        Holds(fineTune, "learningRate", f.LearningRate.Value);
        Holds(fineTune, "warmupEpochs", f.WarmupEpochs.Value);
        Holds(fineTune, "ema", f.Ema.Value);
        Holds(fineTune, "weightDecay", f.WeightDecay.Value);
        Holds(fineTune, "labelSmoothing", f.LabelSmoothing.Value);
        Holds(fineTune, "imageSize", f.ImageSize.Value);
    }

    [Fact]
    public void ActivityDefaultsAndSearchSettingsReadTheTable()
    {
        var wrn = new TrainWrn();
        Assert.Equal((28, 10, 0.0, 200, 128, 0.1, 0.9, 5e-4, 0.2), (wrn.Depth, wrn.Width, wrn.Dropout, wrn.Epochs, wrn.Batch, wrn.LearningRate, wrn.Momentum, wrn.WeightDecay, wrn.DropFactor));
        Assert.Equal([60, 120, 160], wrn.DropEpochs);

        var fineTune = new FineTuneEfficientNet();
        Assert.Equal((10_000, 512, 5e-4, 1.0, 0.9996, 1e-5, 0.1, 384), (fineTune.Steps, fineTune.Batch, fineTune.LearningRate, fineTune.WarmupEpochs, fineTune.Ema, fineTune.WeightDecay, fineTune.LabelSmoothing, fineTune.ImageSize));
        Assert.Equal((10, 1_000), fineTune.Length()); // step-based: 10,000 steps in ten evaluation intervals

        var settings = new SearchSettings();
        Assert.Equal((100, 20, 4_000, 1_000, 4, 2_500, 7, 0.1), (settings.PopulationSize, settings.SampleSize, settings.Children, settings.InitialPool, settings.HiddenNodes, settings.MutationRetries, settings.TrainingRedraws, settings.ValidationFraction));
        var fitness = settings.Fitness;
        Assert.Equal(("resnet9v2", 8_000, 100, 64, 1e-3, 800, 8, 0.22, 80), (fitness.Surrogate, fitness.Steps, fitness.StepsPerEpoch, fitness.BatchSize, fitness.LearningRate, fitness.WarmupSteps, fitness.GateEpoch, fitness.GateAccuracy, fitness.ImageSize));
        Assert.Equal((8, 128, 0.35, 32), (fitness.PreGateEpochs, fitness.PreGateBatchSize, fitness.PreGateAccuracy, fitness.PreGateImageSize));
        var cheap = settings.CheapFitness!;
        Assert.Equal((8_000, 128, 7, 0.35, 32), (cheap.Steps, cheap.BatchSize, cheap.GateEpoch, cheap.GateAccuracy, cheap.PreGateImageSize));

        var evolve = new Evolve { Dataset = "synthetic:cifar10" };
        Assert.Equal((100, 20, 4_000, 1_000, 8_000, 64, 800, 0.1), (evolve.Population, evolve.Sample, evolve.Children, evolve.Initial, evolve.Steps, evolve.Batch, evolve.Warmup, evolve.ValidationFraction));
        evolve.ValidationFraction = 0.02;
        Assert.All(evolve.Settings(), s => Assert.Equal(0.02, s.ValidationFraction));
    }

    [Fact]
    public void EveryNumberHasASourceAndTheReadmeShowsTheTable()
    {
        var rows = RecipeTable.Rows();
        Assert.Equal(9 + 4 + 9 + 8 + 10 + 11, rows.Count);
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Source), $"{r.Recipe}.{r.Name} has no source"));
        string readme = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "README.md"));
        Assert.Contains(RecipeTable.Markdown(), readme);
    }
}
