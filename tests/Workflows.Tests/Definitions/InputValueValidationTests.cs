using System.Text.Json;
using LossSearch.Workflows.Definitions;
using LossSearch.Workflows.Runtime;
using LossSearch.Workflows.Tests.Support;

namespace LossSearch.Workflows.Tests.Definitions;

/// <summary>Input values are checked against choices, ranges and the activity's hook before anything is stored.</summary>
public class InputValueValidationTests : IDisposable
{
    private readonly EngineFixture _fixture = new();

    private static string BoundedFlow(string id, string inputs) => $$"""
    {
      "definitionId": "{{id}}",
      "root": { "activities": [
        { "id": "t", "type": "Ticker", "inputs": { "ticks": 1, "intervalMs": 1 } },
        { "id": "b", "type": "Bounded", "inputs": {{inputs}} } ],
        "connections": [ { "source": { "activity": "t" }, "target": { "activity": "b" } } ] }
    }
    """;

    private static IReadOnlyList<ValidationError> Validate(string json) =>
        new DefinitionValidator(EngineFixture.Registry()).Validate(DefinitionJson.Parse(json));

    [Fact]
    public void LiteralsOutsideTheirRulesNameThePathAndTheAllowedValues()
    {
        var errors = Validate(BoundedFlow("w", """{ "colour": "blue", "count": 11, "palette": ["red", "pink"] }"""));
        Assert.Equal(["$.root.activities[1].inputs.colour", "$.root.activities[1].inputs.palette", "$.root.activities[1].inputs.count"],
            errors.Select(e => e.Path));
        Assert.Contains("allowed: red, green", errors[0].Message);
        Assert.Contains("[1, 10]", errors[2].Message);
    }

    [Fact]
    public void TheHookJudgesKnownValuesAndSkipsReferences()
    {
        var error = Assert.Single(Validate(BoundedFlow("w", """{ "colour": "green", "count": 5 }""")));
        Assert.Equal(("$.root.activities[1].inputs.count", "5 green is more than 3"), (error.Path, error.Message));
        Assert.Empty(Validate(BoundedFlow("w", """{ "colour": "green", "count": { "from": "t", "output": "counted" } }""")));
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task TriggerChecksTheMergedValuesAndCreatesNoInstance(string store)
    {
        _fixture.Use(store);
        await using var engine = await _fixture.StartAsync();
        await engine.Definitions.ImportAsync(DefinitionJson.Parse(BoundedFlow("bounded", """{ "colour": "green", "count": 2 }""")));

        var tooMany = await Assert.ThrowsAsync<WorkflowValidationException>(() =>
            engine.TriggerAsync("bounded", new InputOverrides().Set("b", "count", JsonSerializer.SerializeToElement(4))));
        Assert.Equal(("b.count", "4 green is more than 3"), (tooMany.Errors[0].Path, tooMany.Errors[0].Message));

        var notFinite = await Assert.ThrowsAsync<WorkflowValidationException>(() =>
            engine.TriggerAsync("bounded", new InputOverrides().Set("b.rate=Infinity")));
        Assert.Equal("b.rate", Assert.Single(notFinite.Errors).Path);

        var badColour = await Assert.ThrowsAsync<WorkflowValidationException>(() =>
            engine.TriggerAsync("bounded", new InputOverrides().Set("b.colour=blue")));
        Assert.Contains("allowed: red, green", Assert.Single(badColour.Errors).Message);

        Assert.Equal(0, (await engine.Instances.ListAsync(1, 10)).Total);
        string id = await engine.TriggerAsync("bounded", new InputOverrides().Set("b.colour=red").Set("b.count=9"));
        Assert.Equal("Finished", (await engine.WaitAsync(id, TimeSpan.FromMilliseconds(50))).SubStatus);
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task PublishingChecksTheDraftAgain(string store)
    {
        _fixture.Use(store);
        await using var engine = await _fixture.StartAsync();
        var error = await Assert.ThrowsAsync<WorkflowValidationException>(() =>
            engine.Definitions.SaveDraftAsync(DefinitionJson.Parse(BoundedFlow("bounded", """{ "count": 0 }"""))));
        Assert.Equal("$.root.activities[1].inputs.count", Assert.Single(error.Errors).Path);
        Assert.Null(await engine.Definitions.GetAsync("bounded"));
    }

    [Theory]
    [InlineData("""{ "definitionId": "n", "root": null }""", "$.root")]
    [InlineData("""{ "definitionId": "n", "root": { "activities": null } }""", "$.root.activities")]
    [InlineData("""{ "definitionId": "n", "root": { "activities": [ null ] } }""", "$.root.activities[0]")]
    [InlineData("""{ "definitionId": "n", "root": { "activities": [ { "id": null, "type": "Echo" } ] } }""", "$.root.activities[0].id")]
    [InlineData("""{ "definitionId": "n", "root": { "activities": [ { "id": "a", "type": null } ] } }""", "$.root.activities[0].type")]
    [InlineData("""{ "definitionId": "n", "root": { "activities": [ { "id": "a", "type": "Echo", "inputs": null } ] } }""", "$.root.activities[0].inputs")]
    [InlineData("""{ "definitionId": "n", "root": { "activities": [ { "id": "a", "type": "Echo" } ], "connections": null } }""", "$.root.connections")]
    [InlineData("""{ "definitionId": "n", "root": { "activities": [ { "id": "a", "type": "Echo" } ], "connections": [ { "source": null, "target": { "activity": "a" } } ] } }""", "$.root.connections[0].source")]
    [InlineData("""{ "definitionId": null, "root": { "activities": [ { "id": "a", "type": "Echo" } ] } }""", "$.definitionId")]
    public void NullsAreValidationErrorsNamingTheirPath(string json, string path)
    {
        var error = Assert.Throws<WorkflowValidationException>(() => DefinitionJson.Parse(json));
        Assert.Equal((path, "must not be null"), (error.Errors[0].Path, error.Errors[0].Message));
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task ADefinitionFileWithNullsIsSkippedAndTheEngineStarts(string store)
    {
        _fixture.Use(store);
        string folder = Path.Combine(_fixture.Root, "workflows");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "a-broken.json"), """{ "definitionId": "broken", "root": null }""");
        await File.WriteAllTextAsync(Path.Combine(folder, "b-good.json"), Support.Workflows.Single("good", "Echo", """{ "text": "hi" }"""));
        await using var engine = await _fixture.StartAsync(_fixture.Options with { DefinitionsDirectory = folder });
        Assert.NotNull(await engine.Definitions.GetPublishedAsync("good"));
        Assert.Null(await engine.Definitions.GetAsync("broken"));
    }

    public void Dispose() => _fixture.Dispose();
}
