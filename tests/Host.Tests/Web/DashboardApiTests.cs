using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LossSearch.Host.Tests.Workflows;
using LossSearch.Workflows;

namespace LossSearch.Host.Tests.Web;

/// <summary>The endpoints the dashboard and the designer add: list columns and filters, versions, events, logs, item types.</summary>
public class DashboardApiTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    private WorkflowEngineOptions Options => new()
    {
        DatabasePath = _workspace.Database,
        ArtifactsDirectory = _workspace.Artifacts,
        MinHeartbeatInterval = TimeSpan.FromMilliseconds(50),
    };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> RunAsync(TestServer server, string definitionId, int ticks)
    {
        var executed = await server.Client.PostAsync($"/api/workflow-definitions/{definitionId}/execute", Json($$"""{ "inputs": { "tick": { "ticks": {{ticks}} } } }"""));
        Assert.Equal(HttpStatusCode.Accepted, executed.StatusCode);
        return (await executed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instanceId").GetString()!;
    }

    [Fact]
    public async Task InstanceListHasProgressAndIncidentCountsAndFiltersByStatus()
    {
        await using var server = await TestServer.StartAsync(Options);
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsync("/api/workflow-definitions?publish=true", Json(TempWorkspace.TickerWorkflow("list", 2, 10)))).StatusCode);
        string done = await RunAsync(server, "list", 2);
        await server.WaitForInstanceAsync(done, v => v.GetProperty("status").GetString() == "Finished");
        string running = await RunAsync(server, "list", 100_000);
        await server.WaitForInstanceAsync(running, v => v.GetProperty("activities")[1].GetProperty("status").GetString() == "Running");

        var finished = await server.GetJsonAsync("/api/workflow-instances?status=Finished");
        var row = Assert.Single(finished.GetProperty("items").EnumerateArray());
        Assert.Equal(done, row.GetProperty("id").GetString());
        Assert.Equal(2, row.GetProperty("activities").GetInt32());
        Assert.Equal(1.0, row.GetProperty("progress").GetDouble());
        Assert.Equal(0, row.GetProperty("incidents").GetInt32());

        var active = Assert.Single((await server.GetJsonAsync("/api/workflow-instances?status=running")).GetProperty("items").EnumerateArray());
        Assert.Equal(running, active.GetProperty("id").GetString());
        double progress = active.GetProperty("progress").GetDouble();
        Assert.InRange(progress, 0.5, 0.99);

        Assert.Equal(0, (await server.GetJsonAsync("/api/workflow-instances?hasIncidents=true")).GetProperty("total").GetInt32());
        Assert.Equal(2, (await server.GetJsonAsync("/api/workflow-instances?hasIncidents=false")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.GetAsync("/api/workflow-instances?status=Sleeping")).StatusCode);

        // The event stream starts with the whole instance, then sends the changes that cancelling makes.
        using var stream = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await server.Client.GetAsync($"/api/workflow-instances/{running}/events", HttpCompletionOption.ResponseHeadersRead, stream.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stream.Token));
        var events = new List<string>();
        bool cancelled = false;
        while (!(events.Contains("instance") && events.Contains("activity")) && await reader.ReadLineAsync(stream.Token) is { } line)
        {
            if (!line.StartsWith("event: ", StringComparison.Ordinal)) continue;
            events.Add(line["event: ".Length..]);
            if (!cancelled && events[0] == "snapshot")
            {
                cancelled = true;
                Assert.Equal(HttpStatusCode.Accepted, (await server.Client.PostAsync($"/api/workflow-instances/{running}/cancel", null)).StatusCode);
            }
        }
        Assert.Equal("snapshot", events[0]);
        Assert.Contains("activity", events);
        Assert.Contains("instance", events);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/api/workflow-instances/nope/events")).StatusCode);
    }

    [Fact]
    public async Task VersionsListDraftsAndPublishedVersionsNewestFirst()
    {
        await using var server = await TestServer.StartAsync(Options);
        await server.Client.PostAsync("/api/workflow-definitions?publish=true", Json(TempWorkspace.TickerWorkflow("versions", 2, 10)));
        await server.Client.PostAsync("/api/workflow-definitions", Json(TempWorkspace.TickerWorkflow("versions", 3, 10)));
        var versions = await server.GetJsonAsync("/api/workflow-definitions/versions/versions");
        Assert.Equal([2, 1], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal([false, true], versions.EnumerateArray().Select(v => v.GetProperty("isPublished").GetBoolean()));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/api/workflow-definitions/nope/versions")).StatusCode);
    }

    [Fact]
    public async Task DescriptorsNameTheValueTypesThatReferencesMatch()
    {
        await using var server = await TestServer.StartAsync(Options);
        var byType = (await server.GetJsonAsync("/api/descriptors/activities")).EnumerateArray().ToDictionary(d => d.GetProperty("type").GetString()!);
        JsonElement Field(string type, string kind, string name) => byType[type].GetProperty(kind).EnumerateArray().Single(i => i.GetProperty("name").GetString() == name);
        Assert.Equal("List<LossScore>", Field("SelectTopK", "inputs", "scores").GetProperty("valueType").GetString());
        Assert.Equal("List<LossScore>", Field("Evolve", "outputs", "scores").GetProperty("valueType").GetString());
        Assert.Equal("List<SearchResult>", Field("Evolve", "outputs", "searches").GetProperty("valueType").GetString());
        Assert.Equal("object", Field("Evolve", "outputs", "searches").GetProperty("itemType").GetString());
        Assert.Equal("Int32", Field("SelectTopK", "inputs", "k").GetProperty("valueType").GetString());
    }

    [Fact]
    public async Task LogsEndpointAnswersTheInstancesEventsAndRejectsBadTails()
    {
        await using var server = await TestServer.StartAsync(Options);
        await server.Client.PostAsync("/api/workflow-definitions?publish=true", Json(TempWorkspace.TickerWorkflow("logs", 2, 10)));
        string id = await RunAsync(server, "logs", 2);
        Assert.Equal(JsonValueKind.Array, (await server.GetJsonAsync($"/api/workflow-instances/{id}/logs?activityId=tick&tail=5")).ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.GetAsync($"/api/workflow-instances/{id}/logs?tail=0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/api/workflow-instances/nope/logs")).StatusCode);
    }

    /// <summary>Charts exist for activities that keep progress points (Evolve, the grids; drawn in the browser tests); others answer 404 naming why.</summary>
    [Fact]
    public async Task ChartEndpointRefusesActivitiesWithoutProgressPointsAndUnknownOnes()
    {
        await using var server = await TestServer.StartAsync(Options);
        await server.Client.PostAsync("/api/workflow-definitions?publish=true", Json(TempWorkspace.TickerWorkflow("charts", 1, 10)));
        string id = await RunAsync(server, "charts", 1);
        async Task<string> Refusal(string path)
        {
            var response = await server.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        }
        Assert.Equal("activity type 'Ticker' keeps no progress points to chart", await Refusal($"/api/workflow-instances/{id}/activities/tick/chart"));
        Assert.Equal($"instance '{id}' has not run an activity 'nope'", await Refusal($"/api/workflow-instances/{id}/activities/nope/chart"));
        Assert.Equal("unknown workflow instance 'nope'", await Refusal("/api/workflow-instances/nope/activities/tick/chart"));
    }

    public void Dispose() => _workspace.Dispose();
}
