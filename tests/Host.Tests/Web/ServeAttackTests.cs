using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LossSearch.Host.Tests.Workflows;

namespace LossSearch.Host.Tests.Web;

/// <summary>Attacks on real <c>losssearch serve</c> processes on loopback, one without and one with an API token.</summary>
public class ServeAttackTests : IDisposable
{
    private const string Token = "tok-7f3a9c1e-never-in-logs";
    private readonly TempWorkspace _workspace = new();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task WithoutATokenBadRequestsAreRefusedAndLoadGivesNo500()
    {
        using var serve = await ServeProcess.StartAsync(_workspace);
        var http = serve.Client;
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/workflow-definitions?publish=true", Json(TempWorkspace.TickerWorkflow("load", 2, 20)))).StatusCode);

        // The "simple" cross-site POST a web page can send without asking.
        var plain = new StringContent("{}", Encoding.UTF8, "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await http.PostAsync("/api/workflow-definitions/load/execute", plain)).StatusCode);
        var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/workflow-instances");
        rebound.Headers.Host = "rebind.attacker.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(rebound)).StatusCode);
        var crossSite = new HttpRequestMessage(HttpMethod.Post, "/api/workflow-definitions/load/execute");
        crossSite.Headers.Add("Origin", "https://attacker.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(crossSite)).StatusCode);
        foreach (var body in new[] { "null", """{ "definitionId": "n", "root": null }""", """{ "definitionId": "n", "root": { "activities": [ { "id": null } ] } }""" })
            Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/api/workflow-definitions", Json(body))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/api/workflow-definitions/load/execute", Json("""{ "inputs": { "tick": { "ticks": -5 } } }"""))).StatusCode);
        Assert.Equal(0, (await http.GetFromJsonAsync<JsonElement>("/api/workflow-instances")).GetProperty("total").GetInt32());

        // 200 reads beside 20 executes, then 20 resumes and cancels on what they started.
        var executes = Enumerable.Range(0, 20).Select(_ => http.PostAsync("/api/workflow-definitions/load/execute", null)).ToList();
        var reads = Enumerable.Range(0, 200).Select(i => http.GetAsync((i % 4) switch
        {
            0 => "/api/workflow-instances?page=1&pageSize=5",
            1 => "/api/workflow-definitions/load",
            2 => "/api/descriptors/activities",
            _ => "/api/workflow-instances/none",
        })).ToList();
        var started = await Task.WhenAll(executes);
        Assert.All(started, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var ids = await Task.WhenAll(started.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instanceId").GetString()!));
        var controls = ids.SelectMany(id => new[] { http.PostAsync($"/api/workflow-instances/{id}/cancel", null), http.PostAsync($"/api/workflow-instances/{id}/resume", null) }).ToList();
        var answers = (await Task.WhenAll(reads)).Concat(await Task.WhenAll(controls)).ToList();
        Assert.DoesNotContain(answers, r => (int)r.StatusCode >= 500);
        Assert.All(answers, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Accepted, HttpStatusCode.Conflict, HttpStatusCode.NotFound }));
        Assert.Equal(20, (await http.GetFromJsonAsync<JsonElement>("/api/workflow-instances")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task WithATokenEveryApiRequestNeedsItAndTheTokenIsNeverLogged()
    {
        using var serve = await ServeProcess.StartAsync(_workspace, Token);
        using var anonymous = new HttpClient { BaseAddress = serve.Client.BaseAddress };
        var refused = await anonymous.GetAsync("/api/workflow-instances");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(401, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/workflow-definitions?publish=true") { Content = Json(TempWorkspace.TickerWorkflow("t", 1, 1)) };
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token[..^1]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(wrong)).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await serve.Client.PostAsync("/api/workflow-definitions?publish=true", Json(TempWorkspace.TickerWorkflow("t", 1, 1)))).StatusCode);
        var executed = await serve.Client.PostAsync("/api/workflow-definitions/t/execute", null);
        Assert.Equal(HttpStatusCode.Accepted, executed.StatusCode);
        string id = (await executed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instanceId").GetString()!;
        // The streams a page keeps open (events over SSE, logs, artifacts) need the token as well.
        foreach (var stream in new[] { $"/api/workflow-instances/{id}/events", $"/api/workflow-instances/{id}/logs", $"/api/workflow-instances/{id}/artifacts" })
        {
            using var anonymousStream = await anonymous.GetAsync(stream, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymousStream.StatusCode);
        }
        using (var events = await serve.Client.GetAsync($"/api/workflow-instances/{id}/events", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, events.StatusCode);
            Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(HttpStatusCode.OK, (await serve.Client.GetAsync("/api/workflow-instances")).StatusCode);
        serve.Kill();

        Assert.DoesNotContain(Token, serve.Output);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_workspace.Root, "logs"), "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(Token, await File.ReadAllTextAsync(file));
    }

    /// <summary>The built server with its settings from the environment, as deployed: data roots after symbolic links, and 413 for bodies with and without a length.</summary>
    [Fact]
    public async Task TheRunningServerHoldsRequestsToItsDataRootsAndBodyLimit()
    {
        string dataRoot = Path.Combine(_workspace.Root, "roots", "data");
        Directory.CreateDirectory(Path.Combine(dataRoot, "mnist"));
        Directory.CreateSymbolicLink(Path.Combine(dataRoot, "escape"), "/usr/lib");
        using var serve = await ServeProcess.StartAsync(_workspace, environment: new Dictionary<string, string>
        {
            ["Data__Roots__0"] = dataRoot,
            ["Server__Limits__MaxBodyBytes"] = "65536",
        });
        var http = serve.Client;
        static string Evolve(string id, string dataset) =>
            $$"""{ "definitionId": "{{id}}", "root": { "activities": [ { "id": "evolve", "type": "Evolve", "inputs": { "dataset": {{JsonSerializer.Serialize(dataset)}} } } ] } }""";
        async Task<string> Refusal(HttpResponseMessage response, string field)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty(field)[0].GetString()!;
        }

        const string Field = "$.root.activities[0].inputs.dataset";
        string existing = await Refusal(await http.PostAsync("/api/workflow-definitions", Json(Evolve("ev", "mnist:/usr/lib"))), Field);
        string missing = await Refusal(await http.PostAsync("/api/workflow-definitions", Json(Evolve("ev", "mnist:/usr/lib-no-such-folder"))), Field);
        Assert.Equal(existing.Replace("/usr/lib", "P"), missing.Replace("/usr/lib-no-such-folder", "P"));
        Assert.Contains(dataRoot, existing);
        Assert.Contains("not under the data roots", await Refusal(await http.PostAsync("/api/workflow-definitions", Json(Evolve("ev", $"mnist:{dataRoot}/escape/x"))), Field));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/workflow-definitions/ev")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/workflow-definitions?publish=true", Json(Evolve("ev", $"mnist:{dataRoot}/mnist")))).StatusCode);
        var executed = await http.PostAsync("/api/workflow-definitions/ev/execute", Json("""{ "inputs": { "evolve": { "dataset": "cifar10:/etc" } } }"""));
        Assert.Contains("not under the data roots", await Refusal(executed, "evolve.dataset"));

        string huge = Evolve("huge", "synthetic:cifar10" + new string(' ', 70 * 1024));
        var declared = new HttpRequestMessage(HttpMethod.Post, "/api/workflow-definitions") { Content = Json(huge) };
        declared.Headers.ExpectContinue = true;
        var tooLarge = await http.SendAsync(declared);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("Server:Limits:MaxBodyBytes", await tooLarge.Content.ReadAsStringAsync());
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        chunked.Headers.ContentType = new("application/json");
        var streamed = new HttpRequestMessage(HttpMethod.Post, "/api/workflow-definitions") { Content = chunked };
        streamed.Headers.TransferEncodingChunked = true;
        streamed.Headers.ExpectContinue = true;
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.SendAsync(streamed)).StatusCode);

        var definitions = await http.GetFromJsonAsync<JsonElement>("/api/workflow-definitions");
        Assert.Equal(["ev"], definitions.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("definitionId").GetString()));
        Assert.Equal(0, (await http.GetFromJsonAsync<JsonElement>("/api/workflow-instances")).GetProperty("total").GetInt32());
    }

    public void Dispose() => _workspace.Dispose();
}
