using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LossSearch.Host.Tests.Workflows;
using LossSearch.Workflows;

namespace LossSearch.Host.Tests.Web;

public class WorkflowApiTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    private WorkflowEngineOptions Options => new()
    {
        DatabasePath = _workspace.Database,
        ArtifactsDirectory = _workspace.Artifacts,
        StallThreshold = TimeSpan.FromSeconds(2),
        StallCheckInterval = TimeSpan.FromMilliseconds(500),
        MinHeartbeatInterval = TimeSpan.FromMilliseconds(50),
    };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task DefinitionsSavePublishExecuteAndInstancesReportOutputs()
    {
        await using var server = await TestServer.StartAsync(Options);
        var http = server.Client;

        var saved = await http.PostAsync("/api/workflow-definitions", Json(TempWorkspace.TickerWorkflow("api", ticks: 3, intervalMs: 10)));
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.False((await Body(saved)).GetProperty("isPublished").GetBoolean());

        var unpublished = await http.PostAsync("/api/workflow-definitions/api/execute", null);
        Assert.Equal(HttpStatusCode.Conflict, unpublished.StatusCode);

        var published = await http.PostAsync("/api/workflow-definitions/api/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(1, (await Body(published)).GetProperty("version").GetInt32());

        var definition = await server.GetJsonAsync("/api/workflow-definitions/api");
        Assert.Equal("Flowchart", definition.GetProperty("root").GetProperty("type").GetString());
        Assert.Equal("Done", definition.GetProperty("root").GetProperty("connections")[0].GetProperty("source").GetProperty("port").GetString());

        var executed = await http.PostAsync("/api/workflow-definitions/api/execute", Json("""{ "inputs": { "tick": { "ticks": 5 } } }"""));
        Assert.Equal(HttpStatusCode.Accepted, executed.StatusCode);
        string id = (await Body(executed)).GetProperty("instanceId").GetString()!;

        var view = await server.WaitForInstanceAsync(id, v => v.GetProperty("status").GetString() == "Finished");
        Assert.Equal("Finished", view.GetProperty("subStatus").GetString());
        var tick = view.GetProperty("activities")[1];
        Assert.Equal(5, tick.GetProperty("outputs").GetProperty("counted").GetInt32());
        Assert.Equal(1.0, tick.GetProperty("progress").GetDouble());
        Assert.NotEqual(JsonValueKind.Null, tick.GetProperty("lastHeartbeat").ValueKind);
        Assert.Equal(0, view.GetProperty("incidents").GetArrayLength());

        var list = await server.GetJsonAsync("/api/workflow-instances?page=1&pageSize=1");
        Assert.Equal((1, 1, 1), (list.GetProperty("total").GetInt32(), list.GetProperty("page").GetInt32(), list.GetProperty("items").GetArrayLength()));
        var definitions = await server.GetJsonAsync("/api/workflow-definitions");
        Assert.Equal("api", definitions.GetProperty("items")[0].GetProperty("definitionId").GetString());
    }

    [Fact]
    public async Task BadInputAnswers400NamingTheFieldAndWritesNothing()
    {
        await using var server = await TestServer.StartAsync(Options);
        var http = server.Client;

        var invalid = await http.PostAsync("/api/workflow-definitions",
            Json("""{ "definitionId": "bad", "root": { "activities": [ { "id": "a", "type": "Ticker", "inputs": { "ticks": "x" } } ] } }"""));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await Body(invalid);
        Assert.True(problem.GetProperty("errors").TryGetProperty("$.root.activities[0].inputs.ticks", out _));

        var malformed = await http.PostAsync("/api/workflow-definitions", Json("""{ "definitionId": "bad", """));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/workflow-definitions/bad")).StatusCode);

        await http.PostAsync("/api/workflow-definitions?publish=true", Json(TempWorkspace.TickerWorkflow("ok", 1, 10)));
        var badOverride = await http.PostAsync("/api/workflow-definitions/ok/execute", Json("""{ "inputs": { "tick": { "ticks": "many" } } }"""));
        Assert.Equal(HttpStatusCode.BadRequest, badOverride.StatusCode);
        Assert.True((await Body(badOverride)).GetProperty("errors").TryGetProperty("--set tick.ticks", out _));
        Assert.Equal(0, (await server.GetJsonAsync("/api/workflow-instances")).GetProperty("total").GetInt32());

        var filter = await http.GetAsync("/api/workflow-instances?subStatus=Sleeping");
        Assert.Equal(HttpStatusCode.BadRequest, filter.StatusCode);
        Assert.True((await Body(filter)).GetProperty("errors").TryGetProperty("subStatus", out _));

        var paging = await http.GetAsync("/api/workflow-instances?pageSize=0");
        Assert.Equal(HttpStatusCode.BadRequest, paging.StatusCode);
        Assert.True((await Body(paging)).GetProperty("errors").TryGetProperty("pageSize", out _));

        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/api/workflow-definitions/none/execute", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/workflow-instances/none")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/api/workflow-instances/none/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/api/workflow-definitions/none/publish", null)).StatusCode);
    }

    [Fact]
    public async Task CancelThenConcurrentResumesExactlyOneWinsAndFinishedInstanceAnswers409()
    {
        await using var server = await TestServer.StartAsync(Options);
        var http = server.Client;
        await http.PostAsync("/api/workflow-definitions?publish=true", Json(TempWorkspace.TickerWorkflow("slow", ticks: 20, intervalMs: 50)));
        string id = (await Body(await http.PostAsync("/api/workflow-definitions/slow/execute", null))).GetProperty("instanceId").GetString()!;
        await server.WaitForInstanceAsync(id, v => v.GetProperty("activities")[1].GetProperty("progress").GetDouble() >= 0.1);

        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/workflow-instances/{id}/cancel", null)).StatusCode);
        await server.WaitForInstanceAsync(id, v => v.GetProperty("activities")[1].GetProperty("status").GetString() == "Cancelled");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => http.PostAsync($"/api/workflow-instances/{id}/resume", null)));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));

        var finished = await server.WaitForInstanceAsync(id, v => v.GetProperty("status").GetString() == "Finished");
        Assert.Equal("Finished", finished.GetProperty("subStatus").GetString());
        Assert.True(finished.GetProperty("activities")[1].GetProperty("outputs").GetProperty("startedFrom").GetInt32() >= 2);
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsync($"/api/workflow-instances/{id}/resume", null)).StatusCode);
    }

    [Fact]
    public async Task DescriptorsAndOpenApiDocumentTheApi()
    {
        await using var server = await TestServer.StartAsync(Options);
        var descriptors = await server.GetJsonAsync("/api/descriptors/activities");
        var ticker = descriptors.EnumerateArray().Single(d => d.GetProperty("type").GetString() == "Ticker");
        foreach (var key in new[] { "type", "displayName", "description", "inputs", "outputs" }) Assert.True(ticker.TryGetProperty(key, out _), key);
        var ticks = ticker.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "ticks");
        Assert.Equal(("integer", 10, false), (ticks.GetProperty("type").GetString(), ticks.GetProperty("default").GetInt32(), ticks.GetProperty("required").GetBoolean()));

        var openApi = await server.GetJsonAsync("/openapi/v1.json");
        var paths = openApi.GetProperty("paths");
        foreach (var path in new[] { "/api/workflow-definitions", "/api/workflow-definitions/{definitionId}/execute", "/api/workflow-instances/{instanceId}/resume", "/api/descriptors/activities" })
            Assert.True(paths.TryGetProperty(path, out _), path);
    }

    public void Dispose() => _workspace.Dispose();
}
