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
        Assert.Equal(["Boom", "Flaky", "Solo", "Tally"], registry.Descriptors.Select(d => d.Type));
        Assert.Equal("solo", registry.Get("Solo").ExecutionGroup);
        Assert.Equal(3, registry.Get("Flaky").MaxAttempts);
    }
}
