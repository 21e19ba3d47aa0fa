using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LossSearch.Host.Tests.Cli;
using LossSearch.Host.Tests.Workflows;
using LossSearch.Workflows;

namespace LossSearch.Host.Tests.Web;

/// <summary>Values outside an input's rules and nulls are refused with 400 (CLI: exit 2) before anything is written.</summary>
public class InputValidationApiTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    private WorkflowEngineOptions Options => new() { DatabasePath = _workspace.Database, ArtifactsDirectory = _workspace.Artifacts };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task ExecuteWithAnOverrideOutsideItsRangeIs400NamingActivityInputAndCreatesNoInstance()
    {
        await using var server = await TestServer.StartAsync(Options);
        var http = server.Client;
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/workflow-definitions?publish=true", Json(TempWorkspace.TickerWorkflow("ok", 1, 1)))).StatusCode);

        var response = await http.PostAsync("/api/workflow-definitions/ok/execute", Json("""{ "inputs": { "tick": { "ticks": -1 } } }"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("must be ≥ 0", errors.GetProperty("tick.ticks")[0].GetString());
        Assert.Equal(0, (await server.GetJsonAsync("/api/workflow-instances")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task SavingALiteralOutsideItsRangeIs400AndStoresNoDraft()
    {
        await using var server = await TestServer.StartAsync(Options);
        var response = await server.Client.PostAsync("/api/workflow-definitions?publish=true", Json(TempWorkspace.TickerWorkflow("neg", -3, 1)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("$.root.activities[1].inputs.ticks", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/api/workflow-definitions/neg")).StatusCode);
    }

    [Theory]
    [InlineData("""{ "definitionId": "n", "root": null }""", "$.root")]
    [InlineData("""{ "definitionId": "n", "root": { "activities": [ { "id": null, "type": "Echo" } ] } }""", "$.root.activities[0].id")]
    [InlineData("""{ "definitionId": "n", "root": { "activities": [ { "id": "a", "type": "Echo", "inputs": null } ], "connections": null } }""", "$.root.connections")]
    [InlineData("null", "$")]
    public async Task NullsAre400NotServerErrors(string body, string path)
    {
        await using var server = await TestServer.StartAsync(Options);
        var response = await server.Client.PostAsync("/api/workflow-definitions", Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(path, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RunWithAnOverrideOutsideItsRangeExits2NamingItAndCreatesNoInstance()
    {
        string file = _workspace.Write("w.json", TempWorkspace.TickerWorkflow("w", ticks: 1, intervalMs: 1));
        var run = await CliRun.Of(["run", file, "--set", "tick.intervalMs=-5", "--json", .. _workspace.EngineArgs]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("tick.intervalMs", run.Stderr);
        Assert.Contains("≥ 0", run.Stderr);
        var list = await CliRun.Of(["instances", "list", "--json", .. _workspace.EngineArgs]);
        Assert.Equal(0, list.Json().GetProperty("total").GetInt32());
    }

    public void Dispose() => _workspace.Dispose();
}
