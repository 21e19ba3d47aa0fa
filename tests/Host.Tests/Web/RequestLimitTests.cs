using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LossSearch.Host.Tests.Workflows;
using LossSearch.Host.Web.Security;
using LossSearch.Workflows;

namespace LossSearch.Host.Tests.Web;

/// <summary>Data roots and request limits: refused with 400 or 413 before any definition or instance is written.</summary>
public class RequestLimitTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    private string DataRoot => Path.Combine(_workspace.Root, "data");

    private WorkflowEngineOptions Options => new() { DatabasePath = _workspace.Database, ArtifactsDirectory = _workspace.Artifacts };

    private ServerSecurity Security => ServerSecurity.For("http://127.0.0.1:0", token: null) with
    {
        DataRoots = [DataRoot],
        Limits = new RequestLimits { MaxBodyBytes = 64 * 1024, MaxActivities = 3, MaxDefinitionIdLength = 20, MaxJsonDepth = 16, MaxSyntheticImages = 5000, MaxSyntheticClasses = 50, MaxImageSide = 256 },
    };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string EvolveFlow(string id, string dataset) =>
        $$"""{ "definitionId": "{{id}}", "root": { "activities": [ { "id": "evolve", "type": "Evolve", "inputs": { "dataset": {{JsonSerializer.Serialize(dataset)}} } } ] } }""";

    private static async Task<JsonElement> Errors(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    public RequestLimitTests() => Directory.CreateDirectory(Path.Combine(DataRoot, "mnist"));

    [Fact]
    public async Task PathsOutsideTheDataRootsAre400WithTheSameMessageWhetherOrNotTheyExist()
    {
        Directory.CreateSymbolicLink(Path.Combine(DataRoot, "escape"), "/usr/lib");
        Directory.CreateSymbolicLink(Path.Combine(DataRoot, "inside"), Path.Combine(DataRoot, "mnist"));
        await using var server = await TestServer.StartAsync(Options, Security);
        var http = server.Client;

        async Task<string> Refusal(string folder)
        {
            var errors = await Errors(await http.PostAsync("/api/workflow-definitions", Json(EvolveFlow("ev", $"mnist:{folder}"))));
            return errors.GetProperty("$.root.activities[0].inputs.dataset")[0].GetString()!;
        }
        string existing = await Refusal("/usr/lib");
        string missing = await Refusal("/usr/lib-no-such-folder");
        Assert.Equal(existing.Replace("/usr/lib", "P"), missing.Replace("/usr/lib-no-such-folder", "P"));
        Assert.Contains(DataRoot, existing);
        foreach (var escape in new[] { Path.Combine(DataRoot, "escape"), Path.Combine(DataRoot, "escape", "x"), Path.Combine(DataRoot, "inside", "..", "..", "..", "etc"), Path.Combine(DataRoot, "..") })
            Assert.Contains("not under the data roots", await Refusal(escape));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/workflow-definitions/ev")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/workflow-definitions?publish=true", Json(EvolveFlow("ev", $"mnist:{Path.Combine(DataRoot, "inside")}")))).StatusCode);
        var executed = await http.PostAsync("/api/workflow-definitions/ev/execute", Json("""{ "inputs": { "evolve": { "dataset": "cifar10:/etc" } } }"""));
        Assert.Contains("not under the data roots", (await Errors(executed)).GetProperty("evolve.dataset")[0].GetString());
        Assert.Equal(0, (await server.GetJsonAsync("/api/workflow-instances")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task WorkBeyondTheLimitsIs400Or413BeforeAnythingIsWritten()
    {
        await using var server = await TestServer.StartAsync(Options, Security);
        var http = server.Client;
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/workflow-definitions?publish=true", Json(EvolveFlow("ev", "synthetic:cifar10?n=100")))).StatusCode);

        foreach (var (dataset, says) in new[] { ("synthetic:cifar10?classes=100000", "MaxSyntheticClasses"), ("synthetic:cifar10?n=1000000", "MaxSyntheticImages"), ("synthetic:cifar10?n=4000&test=4000", "MaxSyntheticImages") })
        {
            var body = $$"""{ "inputs": { "evolve": { "dataset": "{{dataset}}" } } }""";
            Assert.Contains(says, (await Errors(await http.PostAsync("/api/workflow-definitions/ev/execute", Json(body)))).GetProperty("evolve.dataset")[0].GetString());
        }
        var wrn = """{ "definitionId": "wrn", "root": { "activities": [ { "id": "wrn", "type": "TrainWrn", "inputs": { "losses": ["cross-entropy"], "datasets": ["synthetic:cifar10?n=100"], "imageSize": 1000 } } ] } }""";
        Assert.Contains("MaxImageSide", (await Errors(await http.PostAsync("/api/workflow-definitions", Json(wrn)))).GetProperty("$.root.activities[0].inputs.imageSize")[0].GetString());

        string many = $$"""{ "definitionId": "many", "root": { "activities": [ {{string.Join(", ", Enumerable.Range(0, 4).Select(i => $$"""{ "id": "e{{i}}", "type": "Echo", "inputs": { "text": "x" } }"""))}} ] } }""";
        Assert.True((await Errors(await http.PostAsync("/api/workflow-definitions", Json(many)))).TryGetProperty("$.root.activities", out _));
        string longId = new('a', 21);
        Assert.True((await Errors(await http.PostAsync("/api/workflow-definitions", Json(EvolveFlow(longId, "synthetic:cifar10"))))).TryGetProperty("$.definitionId", out _));
        string deep = $$"""{ "definitionId": "deep", "root": { "activities": [ { "id": "e", "type": "Echo", "inputs": { "text": {{new string('[', 20)}}{{new string(']', 20)}} } } ] } }""";
        Assert.Contains("MaxJsonDepth", (await Errors(await http.PostAsync("/api/workflow-definitions", Json(deep)))).EnumerateObject().Single().Value[0].GetString());
        string deepOverride = $$"""{ "inputs": { "evolve": { "dataset": {{new string('[', 20)}}{{new string(']', 20)}} } } }""";
        Assert.Contains("MaxJsonDepth", (await Errors(await http.PostAsync("/api/workflow-definitions/ev/execute", Json(deepOverride)))).EnumerateObject().Single().Value[0].GetString());

        // Expect: 100-continue lets the server answer before the client sends what it will refuse.
        string huge = EvolveFlow("huge", "synthetic:cifar10" + new string(' ', 70 * 1024));
        var declared = new HttpRequestMessage(HttpMethod.Post, "/api/workflow-definitions") { Content = Json(huge) };
        declared.Headers.ExpectContinue = true;
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.SendAsync(declared)).StatusCode);
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        chunked.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/workflow-definitions") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.ExpectContinue = true;
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.SendAsync(request)).StatusCode);

        var definitions = await server.GetJsonAsync("/api/workflow-definitions");
        Assert.Equal(["ev"], definitions.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("definitionId").GetString()));
        Assert.Equal(0, (await server.GetJsonAsync("/api/workflow-instances")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(2147483647, 500)]
    [InlineData(4294968, 500)]
    public async Task PagingPastTheEndIsAnEmptyPage(int page, int pageSize)
    {
        await using var server = await TestServer.StartAsync(Options, Security);
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsync("/api/workflow-definitions?publish=true", Json(TempWorkspace.TickerWorkflow("one", 1, 1)))).StatusCode);
        var list = await server.GetJsonAsync($"/api/workflow-definitions?page={page}&pageSize={pageSize}");
        Assert.Equal((0, 1, page), (list.GetProperty("items").GetArrayLength(), list.GetProperty("total").GetInt32(), list.GetProperty("page").GetInt32()));
        var instances = await server.GetJsonAsync($"/api/workflow-instances?page={page}&pageSize={pageSize}");
        Assert.Equal(0, instances.GetProperty("items").GetArrayLength());
    }

    public void Dispose() => _workspace.Dispose();
}
