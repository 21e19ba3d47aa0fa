using LossSearch.Learning.Augment;
using LossSearch.Learning.Losses;
using LossSearch.Learning.Models;
using LossSearch.Learning.Search;
using LossSearch.Workflows.Activities;

namespace LossSearch.Activities.Tests;

/// <summary>The funnel activities' descriptors carry choices from the real catalogues and ranges on every number.</summary>
public class InputDescriptorTests
{
    private static readonly ActivityRegistry Registry = new ActivityRegistry().AddFrom(typeof(Evolve).Assembly);

    private static InputDescriptor Input(string type, string name) => Registry.Get(type).FindInput(name)!;

    [Fact]
    public void ChoicesComeFromTheCatalogues()
    {
        Assert.Equal(AugmentationCatalog.Techniques.Keys, Input("Evolve", "augmentations").Choices!);
        Assert.Equal(AugmentationCatalog.Techniques.Keys, Input("TrainWrn", "augmentations").Choices!);
        Assert.Equal(LossCatalog.Named.Keys, Input("TrainWrn", "losses").Choices!);
        Assert.Equal(LossCatalog.Named.Keys, Input("SelectTopK", "baseline").Choices!);
        Assert.Equal(ModelCatalog.FixedNames, Input("Evolve", "surrogate").Choices!);
        Assert.Equal(SelectionRuleNames.ByName.Keys, Input("SelectTopK", "rule").Choices!);
        Assert.False(Input("SelectTopK", "rule").ChoicesOpen);
        Assert.Equal(["auto", "cpu", "cuda"], Input("FineTuneEfficientNet", "device").Choices!);
    }

    [Fact]
    public void EveryNumberInputOfEveryActivityHasAMinimumAndEveryDeviceHasChoices()
    {
        foreach (var descriptor in Registry.Descriptors)
            foreach (var input in descriptor.Inputs)
            {
                if (input.Type is "integer" or "number" || input.ItemType is "integer" or "number")
                    Assert.True(input.Minimum is not null, $"{descriptor.Type}.{input.Name} has no minimum");
                if (input.Name == "device") Assert.NotNull(input.Choices);
            }
    }

    [Theory]
    [InlineData("Evolve", "augmentations", "cutout?size=8", true)]
    [InlineData("Evolve", "augmentations", "cutout?size=-1", false)]
    [InlineData("Evolve", "augmentations", "bogus", false)]
    [InlineData("Evolve", "surrogate", "wrn-16-2", true)]
    [InlineData("Evolve", "surrogate", "wrn-15-2", false)]
    [InlineData("Evolve", "surrogate", "bogus", false)]
    [InlineData("Evolve", "device", "cuda:1", true)]
    [InlineData("Evolve", "device", "gpu", false)]
    [InlineData("SelectTopK", "rule", "overall", true)]
    [InlineData("SelectTopK", "rule", "best", false)]
    [InlineData("SelectTopK", "baseline", "-(y * log(yhat)) + square(y - yhat)", true)]
    [InlineData("SelectTopK", "baseline", "log(yhat", false)]
    [InlineData("SelectTopK", "baseline", "log(y)", false)]
    public void ChoiceChecksUseTheCataloguesParsers(string type, string name, string value, bool accepted)
    {
        var input = Input(type, name);
        object converted = input.Type == "array" ? new List<string> { value } : value;
        var problem = InputRules.Check(input, converted);
        Assert.True(accepted == (problem is null), problem ?? "accepted");
        if (problem is not null) Assert.Contains("allowed: ", problem);
    }

    [Fact]
    public void RangesRejectWhatTheIssueFound()
    {
        Assert.NotNull(InputRules.Check(Input("TrainWrn", "dropout"), 1.5));
        Assert.NotNull(InputRules.Check(Input("TrainWrn", "dropFactor"), -3.0));
        Assert.NotNull(InputRules.Check(Input("TrainWrn", "learningRate"), double.PositiveInfinity));
        Assert.NotNull(InputRules.Check(Input("TrainWrn", "learningRate"), 0.0));
        Assert.Null(InputRules.Check(Input("TrainWrn", "learningRate"), 0.1));
        Assert.NotNull(InputRules.Check(Input("Evolve", "population"), 1));
    }
}

/// <summary>The funnel activities' Validate hooks, through the engine's value validator.</summary>
public class ActivityValidateHookTests
{
    private static readonly ActivityRegistry Registry = new ActivityRegistry().AddFrom(typeof(Evolve).Assembly);

    private static IReadOnlyList<Workflows.Definitions.ValidationError> Validate(string type, string inputs) =>
        new Workflows.Definitions.InputValueValidator(Registry).ValidateLiterals(Workflows.Definitions.DefinitionJson.Parse(
            $$"""{ "definitionId": "w", "root": { "activities": [ { "id": "a", "type": "{{type}}", "inputs": {{inputs}} } ] } }"""));

    [Fact]
    public void EvolveNamesTheSettingThatCannotWork()
    {
        var error = Assert.Single(Validate("Evolve", """{ "dataset": "synthetic:cifar10", "population": 4, "sample": 5, "initial": 5 }"""));
        Assert.Equal("$.root.activities[0].inputs.sample", error.Path);
        Assert.Contains("population = 4", error.Message);
        Assert.Equal("$.root.activities[0].inputs.initial",
            Assert.Single(Validate("Evolve", """{ "dataset": "synthetic:cifar10", "population": 6, "sample": 2, "initial": 5 }""")).Path);
        Assert.Empty(Validate("Evolve", """{ "dataset": "synthetic:cifar10", "population": 4, "sample": 2, "initial": 5 }"""));
    }

    [Fact]
    public void TrainWrnRefusesADepthThatIsNot6nPlus4()
    {
        Assert.Equal("$.root.activities[0].inputs.depth", Assert.Single(Validate("TrainWrn", """{ "losses": ["mse"], "depth": 15 }""")).Path);
        Assert.Empty(Validate("TrainWrn", """{ "losses": ["mse"], "depth": 16, "width": 2 }"""));
    }
}
