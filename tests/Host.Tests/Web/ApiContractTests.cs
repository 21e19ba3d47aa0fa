using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LossSearch.Host.Tests.Workflows;
using LossSearch.Host.Web;
using LossSearch.Workflows;
using Microsoft.AspNetCore.TestHost;
using Serilog;

namespace LossSearch.Host.Tests.Web;

/// <summary>The REST contract of design.md, through ASP.NET Core's in-memory test server.</summary>
public class ApiContractTests : IAsyncLifetime
{
    private readonly TempWorkspace _workspace = new();
    private Microsoft.AspNetCore.Builder.WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var options = new WorkflowEngineOptions { DatabasePath = _workspace.Database, ArtifactsDirectory = _workspace.Artifacts };
        _app = ServerApp.Build([], "http://127.0.0.1:0", new LoggerConfiguration().CreateLogger(), "cpu", options, web => web.UseTestServer());
        await _app.StartAsync();
        _http = _app.GetTestClient();
    }

    [Fact]
    public async Task DescriptorsListTheFunnelActivitiesWithTypedInputs()
    {
        var descriptors = await _http.GetFromJsonAsync<JsonElement>("/api/descriptors/activities");
        var byType = descriptors.EnumerateArray().ToDictionary(d => d.GetProperty("type").GetString()!);
        foreach (var type in new[] { "Evolve", "SelectTopK", "TrainWrn", "FineTuneEfficientNet", "Report" })
            Assert.True(byType.ContainsKey(type), type);
        var select = byType["SelectTopK"];
        Assert.False(string.IsNullOrEmpty(select.GetProperty("displayName").GetString()));
        Assert.False(string.IsNullOrEmpty(select.GetProperty("description").GetString()));
        var k = select.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "k");
        Assert.Equal("integer", k.GetProperty("type").GetString());
        Assert.Equal(1, k.GetProperty("default").GetInt32());
        Assert.False(k.GetProperty("required").GetBoolean());
        var scores = select.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "scores");
        Assert.True(scores.GetProperty("required").GetBoolean());
        Assert.Contains(select.GetProperty("outputs").EnumerateArray(), o => o.GetProperty("name").GetString() == "losses");
        Assert.Equal(1, k.GetProperty("minimum").GetDouble());
        Assert.Equal(JsonValueKind.Null, k.GetProperty("maximum").ValueKind);
        var rule = select.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "rule");
        Assert.Equal(["per-augmentation", "overall", "beats-baseline"], rule.GetProperty("choices").EnumerateArray().Select(c => c.GetString()));
        Assert.False(rule.GetProperty("choicesOpen").GetBoolean());
        var augmentations = byType["Evolve"].GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "augmentations");
        Assert.Equal(("array", "string"), (augmentations.GetProperty("type").GetString(), augmentations.GetProperty("itemType").GetString()));
        Assert.Contains("cutmix", augmentations.GetProperty("choices").EnumerateArray().Select(c => c.GetString()));
        var dropout = byType["TrainWrn"].GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "dropout");
        Assert.True(dropout.GetProperty("exclusiveMaximum").GetBoolean());
    }

    [Fact]
    public async Task OpenApiDocumentsTheEndpoints()
    {
        var document = await _http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/workflow-definitions", "/api/workflow-definitions/{definitionId}/execute", "/api/workflow-instances/{instanceId}/resume", "/api/descriptors/activities" })
            Assert.Contains(path, paths);
        var input = document.GetProperty("components").GetProperty("schemas").GetProperty("InputDescriptorView").GetProperty("properties");
        foreach (var field in new[] { "choices", "choicesOpen", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "itemType" })
            Assert.True(input.TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task ErrorsAreProblemDetails()
    {
        var missing = await _http.GetAsync("/api/workflow-instances/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);

        var bad = await _http.PostAsync("/api/workflow-definitions",
            new StringContent("""{ "definitionId": "x", "root": { "activities": [ { "id": "s", "type": "SelectTopK", "inputs": { "k": "many" } } ] } }""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains("$.root.activities[0].inputs.k", fields);
        Assert.Contains("$.root.activities[0].inputs.scores", fields);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/workflow-definitions/x")).StatusCode);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _workspace.Dispose();
    }
}
