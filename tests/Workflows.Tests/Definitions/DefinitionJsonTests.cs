using System.Text.Json;
using LossSearch.Workflows.Definitions;

namespace LossSearch.Workflows.Tests.Definitions;

public class DefinitionJsonTests
{
    [Fact]
    public void RoundTripKeepsDesignerMetadataPortsAndReferences()
    {
        var definition = DefinitionJson.Parse(Support.Workflows.ForkJoin.Replace(
            "\"position\": { \"x\": 0, \"y\": 0 }", "\"position\": { \"x\": 12.5, \"y\": -3 }, \"color\": \"red\""));
        using var json = JsonDocument.Parse(DefinitionJson.Serialize(definition));
        var root = json.RootElement;
        Assert.Equal("fork-join", root.GetProperty("definitionId").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.False(root.GetProperty("isPublished").GetBoolean());
        var a = root.GetProperty("root").GetProperty("activities")[0];
        var designer = a.GetProperty("metadata").GetProperty("designer");
        Assert.Equal(12.5, designer.GetProperty("position").GetProperty("x").GetDouble());
        Assert.Equal("red", designer.GetProperty("color").GetString());
        var reference = root.GetProperty("root").GetProperty("activities")[3].GetProperty("inputs").GetProperty("count");
        Assert.Equal(("c", "counted"), (reference.GetProperty("from").GetString(), reference.GetProperty("output").GetString()));
        var connection = root.GetProperty("root").GetProperty("connections")[0];
        Assert.Equal(("Done", "In"), (connection.GetProperty("source").GetProperty("port").GetString(), connection.GetProperty("target").GetProperty("port").GetString()));
    }

    [Theory]
    [InlineData("""{ "from": "a", "output": "b" }""", true)]
    [InlineData("""{ "from": "a" }""", false)]
    [InlineData("""{ "from": "a", "output": "b", "extra": 1 }""", false)]
    [InlineData("""{ "from": 1, "output": "b" }""", false)]
    [InlineData("\"a.b\"", false)]
    public void OnlyAnObjectWithFromAndOutputIsAReference(string json, bool isReference) =>
        Assert.Equal(isReference, InputReference.TryParse(JsonDocument.Parse(json).RootElement, out _));
}
