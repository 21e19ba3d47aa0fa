using LossSearch.Workflows.Definitions;
using LossSearch.Workflows.Tests.Support;

namespace LossSearch.Workflows.Tests.Definitions;

public class DefinitionServiceTests : IDisposable
{
    private readonly EngineFixture _fixture = new();

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task DraftsPublishIntoFrozenVersionsAndInstancesKeepTheirVersion(string store)
    {
        _fixture.Use(store);
        await using var engine = await _fixture.StartAsync();
        var definition = EngineFixture.Parse(Support.Workflows.Single("echo", "Echo", """{ "text": "v1" }"""));
        var draft = await engine.Definitions.SaveDraftAsync(definition);
        Assert.Equal((1, false), (draft.Version, draft.IsPublished));
        Assert.Equal(1, (await engine.Definitions.SaveDraftAsync(definition with { Name = "renamed" })).Version);

        var published = await engine.Definitions.PublishAsync("echo");
        Assert.Equal((1, true), (published!.Version, published.IsPublished));
        string first = await engine.TriggerAsync("echo");

        var v2 = await engine.Definitions.SaveDraftAsync(EngineFixture.Parse(Support.Workflows.Single("echo", "Echo", """{ "text": "v2" }""")));
        Assert.Equal(2, v2.Version);
        Assert.Equal(1, (await engine.Definitions.GetPublishedAsync("echo"))!.Version);
        string stillV1 = await engine.TriggerAsync("echo");
        await engine.Definitions.PublishAsync("echo");
        string onV2 = await engine.TriggerAsync("echo");

        string Text(Instances.InstanceView v) => v.Activities[0].Outputs!.Value.GetProperty("result").GetString()!;
        var poll = TimeSpan.FromMilliseconds(50);
        Assert.Equal("v1", Text(await engine.WaitAsync(first, poll)));
        var kept = await engine.WaitAsync(stillV1, poll);
        Assert.Equal((1, "v1"), (kept.DefinitionVersion, Text(kept)));
        Assert.Equal("v2", Text(await engine.WaitAsync(onV2, poll)));
        Assert.Equal("v1", (await engine.Definitions.GetAsync("echo", 1))!.Root.Activities[0].Inputs["text"].GetString());

        var list = await engine.Definitions.ListAsync(1, 10);
        var summary = Assert.Single(list.Items);
        Assert.Equal((2, true, 2), (summary.Version, summary.IsPublished, summary.PublishedVersion));
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task InvalidDraftIsNotStored(string store)
    {
        _fixture.Use(store);
        await using var engine = await _fixture.StartAsync();
        await Assert.ThrowsAsync<WorkflowValidationException>(() => engine.Definitions.SaveDraftAsync(EngineFixture.Parse(Support.Workflows.Single("bad", "Nope"))));
        Assert.Null(await engine.Definitions.GetAsync("bad"));
        Assert.Null(await engine.Definitions.PublishAsync("bad"));
    }

    public void Dispose() => _fixture.Dispose();
}
