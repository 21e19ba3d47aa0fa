using LossSearch.Workflows.Activities;
using LossSearch.Workflows.Activities.BuiltIn;
using LossSearch.Workflows.Tests.Support;

namespace LossSearch.Workflows.Tests.Definitions;

public class ActivityRegistryTests
{
    [Fact]
    public void DescriptorsCarryTypedInputsWithDefaultsAndOutputs()
    {
        var ticker = EngineFixture.Registry().Get(nameof(Ticker));
        var ticks = Assert.Single(ticker.Inputs, i => i.Name == "ticks");
        Assert.Equal("integer", ticks.Type);
        Assert.Equal(10, ticks.Default!.Value.GetInt32());
        Assert.False(ticks.Required);
        Assert.Equal(["counted", "startedFrom"], ticker.Outputs.Select(o => o.Name));

        var tally = EngineFixture.Registry().Get(nameof(Tally));
        var label = Assert.Single(tally.Inputs, i => i.Name == "label");
        Assert.True(label.Required);
        Assert.Null(label.Default);
    }

    [Fact]
    public void AddFromAssemblyRegistersEveryMarkedActivity()
    {
        var registry = new ActivityRegistry().AddFrom(typeof(EngineFixture).Assembly);
        Assert.Equal(["Boom", "Bounded", "Flaky", "QuietGrid", "Solo", "Tally"], registry.Descriptors.Select(d => d.Type));
        Assert.Equal("solo", registry.Get("Solo").ExecutionGroup);
        Assert.Equal(3, registry.Get("Flaky").MaxAttempts);
    }

    [Fact]
    public void DescriptorsCarryChoicesRangesAndItemTypes()
    {
        var bounded = new ActivityRegistry().Add<Bounded>().Get(nameof(Bounded));
        var colour = Assert.Single(bounded.Inputs, i => i.Name == "colour");
        Assert.Equal(["red", "green"], colour.Choices!);
        Assert.False(colour.ChoicesOpen);
        Assert.Null(colour.Minimum);
        var palette = Assert.Single(bounded.Inputs, i => i.Name == "palette");
        Assert.Equal(("array", "string"), (palette.Type, palette.ItemType));
        Assert.Equal(["red", "green"], palette.Choices!);
        var count = Assert.Single(bounded.Inputs, i => i.Name == "count");
        Assert.Equal((1.0, 10.0, false, false), (count.Minimum, count.Maximum, count.ExclusiveMinimum, count.ExclusiveMaximum));
        Assert.Null(count.ItemType);
        Assert.Null(count.Choices);
        var rate = Assert.Single(bounded.Inputs, i => i.Name == "rate");
        Assert.True(rate.ExclusiveMinimum && rate.ExclusiveMaximum);
    }

    [Theory]
    [InlineData("colour", "red", null)]
    [InlineData("colour", "blue", "'blue' is not a colour; allowed: red, green")]
    [InlineData("palette", new[] { "red", "blue" }, "item 1: 'blue' is not a colour; allowed: red, green")]
    [InlineData("count", 10, null)]
    [InlineData("count", 0, "0 must be in [1, 10]")]
    [InlineData("count", 11, "11 must be in [1, 10]")]
    [InlineData("rate", 0.0, "0 must be in (0, 1)")]
    [InlineData("rate", 1.0, "1 must be in (0, 1)")]
    [InlineData("rate", 0.25, null)]
    [InlineData("rate", double.PositiveInfinity, "Infinity is not a finite number")]
    [InlineData("rate", double.NaN, "NaN is not a finite number")]
    public void InputRulesNameTheAllowedValues(string name, object value, string? expected)
    {
        var input = new ActivityRegistry().Add<Bounded>().Get(nameof(Bounded)).FindInput(name)!;
        object converted = value is string[] items ? items.ToList() : value;
        Assert.Equal(expected, InputRules.Check(input, converted));
    }

    [Fact]
    public void InputRulesCheckEveryNumberOfAList()
    {
        var seeds = new ActivityRegistry().Add<Bounded>().Get(nameof(Bounded)).FindInput("seeds")!;
        Assert.Null(InputRules.Check(seeds, new List<int> { 0, 3 }));
        Assert.Equal("item 2: -1 must be ≥ 0", InputRules.Check(seeds, new List<int> { 0, 3, -1 }));
    }

    [Fact]
    public void AChoicesTypeThatIsNotAnInputChoicesIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ActivityRegistry().Add<BadChoices>());
        Assert.Contains("BadChoices.Colour", error.Message);
    }

    private sealed class NotChoices;

    private sealed class BadChoices : Activity
    {
        [Input(Choices = typeof(NotChoices))] public string Colour { get; set; } = "";
        public override Task ExecuteAsync(ActivityContext context) => Task.CompletedTask;
    }
}
