using LossSearch.Workflows.Definitions;
using LossSearch.Workflows.Tests.Support;

namespace LossSearch.Workflows.Tests.Definitions;

public class DefinitionValidatorTests
{
    private static IReadOnlyList<ValidationError> Validate(string json) =>
        new DefinitionValidator(EngineFixture.Registry()).Validate(DefinitionJson.Parse(json));

    private static string Flow(string activities, string connections = "[]") =>
        $$"""{ "definitionId": "w", "root": { "type": "Flowchart", "activities": {{activities}}, "connections": {{connections}} } }""";

    private static string Link(string from, string to) =>
        $$"""{ "source": { "activity": "{{from}}", "port": "Done" }, "target": { "activity": "{{to}}", "port": "In" } }""";

    [Fact]
    public void ForkJoinIsValid() => Assert.Empty(Validate(Support.Workflows.ForkJoin));

    [Fact]
    public void UnknownActivityTypeNamesItsPath()
    {
        var error = Assert.Single(Validate(Flow("""[ { "id": "a", "type": "Nope" } ]""")));
        Assert.Equal("$.root.activities[0].type", error.Path);
        Assert.Contains("Nope", error.Message);
    }

    [Fact]
    public void MissingRequiredInputNamesTheInput()
    {
        var errors = Validate(Flow("""[ { "id": "t", "type": "Tally", "inputs": { "label": "x" } } ]"""));
        Assert.Equal("$.root.activities[0].inputs.count", Assert.Single(errors).Path);
    }

    [Fact]
    public void WrongLiteralTypeNamesTheInput()
    {
        var error = Assert.Single(Validate(Flow("""[ { "id": "t", "type": "Ticker", "inputs": { "ticks": "many" } } ]""")));
        Assert.Equal("$.root.activities[0].inputs.ticks", error.Path);
        Assert.Contains("integer", error.Message);
    }

    [Fact]
    public void UnknownInputNamesTheInput()
    {
        var error = Assert.Single(Validate(Flow("""[ { "id": "t", "type": "Ticker", "inputs": { "tock": 1 } } ]""")));
        Assert.Equal("$.root.activities[0].inputs.tock", error.Path);
    }

    [Fact]
    public void ReferenceToWrongTypeOrUnknownOutputOrNonUpstreamActivity()
    {
        var wrongType = Validate(Flow($$"""[ { "id": "a", "type": "Echo" }, { "id": "t", "type": "Ticker", "inputs": { "ticks": { "from": "a", "output": "result" } } } ]""", $"[{Link("a", "t")}]"));
        Assert.Equal("$.root.activities[1].inputs.ticks", Assert.Single(wrongType).Path);

        var unknownOutput = Validate(Flow($$"""[ { "id": "a", "type": "Echo" }, { "id": "b", "type": "Echo", "inputs": { "text": { "from": "a", "output": "nope" } } } ]""", $"[{Link("a", "b")}]"));
        Assert.Equal("$.root.activities[1].inputs.text.output", Assert.Single(unknownOutput).Path);

        var notUpstream = Validate(Flow("""[ { "id": "a", "type": "Echo" }, { "id": "b", "type": "Echo", "inputs": { "text": { "from": "a", "output": "result" } } } ]"""));
        Assert.Equal("$.root.activities[1].inputs.text.from", Assert.Single(notUpstream).Path);
    }

    [Fact]
    public void ConnectionToUnknownActivityNamesTheEnd()
    {
        var error = Assert.Single(Validate(Flow("""[ { "id": "a", "type": "Echo" } ]""", $"[{Link("a", "ghost")}]")));
        Assert.Equal("$.root.connections[0].target.activity", error.Path);
    }

    [Fact]
    public void CycleIsRejected()
    {
        var errors = Validate(Flow("""[ { "id": "s", "type": "Echo" }, { "id": "a", "type": "Echo" }, { "id": "b", "type": "Echo" } ]""",
            $"[{Link("s", "a")}, {Link("a", "b")}, {Link("b", "a")}]"));
        var error = Assert.Single(errors);
        Assert.Contains("cycle", error.Message);
        Assert.Matches(@"^\$\.root\.activities\[[12]\]$", error.Path);
    }

    [Fact]
    public void NoStartActivityIsRejected()
    {
        var errors = Validate(Flow("""[ { "id": "a", "type": "Echo" }, { "id": "b", "type": "Echo" } ]""", $"[{Link("a", "b")}, {Link("b", "a")}]"));
        Assert.Contains(errors, e => e.Message.Contains("cycle") || e.Message.Contains("no start activity"));
    }

    [Fact]
    public void DuplicateIdsAndEmptyFlowchartAreRejected()
    {
        Assert.Equal("$.root.activities[1].id", Assert.Single(Validate(Flow("""[ { "id": "a", "type": "Echo" }, { "id": "a", "type": "Echo" } ]"""))).Path);
        Assert.Equal("$.root.activities", Assert.Single(Validate(Flow("[]"))).Path);
    }

    [Fact]
    public void MalformedJsonNamesThePathAndLine()
    {
        var e = Assert.Throws<WorkflowValidationException>(() => DefinitionJson.Parse("""{ "definitionId": "w", "root": { "activities": [ { "id": 3 } ] } }"""));
        var error = Assert.Single(e.Errors);
        Assert.Equal("$.root.activities[0].id", error.Path);
        var truncated = Assert.Throws<WorkflowValidationException>(() => DefinitionJson.Parse("""{ "definitionId": "w", """));
        Assert.Contains("line 1", truncated.Errors[0].Message);
    }
}
