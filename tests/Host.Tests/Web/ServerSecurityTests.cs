using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LossSearch.Host.Tests.Cli;
using LossSearch.Host.Tests.Workflows;
using LossSearch.Host.Web.Security;
using LossSearch.Workflows;

namespace LossSearch.Host.Tests.Web;

/// <summary>Tokens, the Host check, JSON-only bodies, cross-origin refusal and the browser headers, over real HTTP on loopback.</summary>
public class ServerSecurityTests : IDisposable
{
    private const string Token = "correct-horse-battery-staple";
    private readonly TempWorkspace _workspace = new();

    private WorkflowEngineOptions Options => new() { DatabasePath = _workspace.Database, ArtifactsDirectory = _workspace.Artifacts };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static HttpRequestMessage Get(string path, string? bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return request;
    }

    [Fact]
    public async Task WithATokenEveryApiRequestNeedsItAndAWrongOneIs401ProblemDetails()
    {
        await using var server = await TestServer.StartAsync(Options, ServerSecurity.For("http://127.0.0.1:0", Token));
        var http = server.Client;

        foreach (var bearer in new[] { null, "wrong", Token + "x", "" })
        {
            var refused = await http.SendAsync(Get("/api/workflow-instances", bearer));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(401, (await Body(refused)).GetProperty("status").GetInt32());
            Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
        }
        var post = new HttpRequestMessage(HttpMethod.Post, "/api/workflow-definitions?publish=true") { Content = Json(TempWorkspace.TickerWorkflow("w", 1, 1)) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(post)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(Get("/api/workflow-instances", Token))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(Get("/api/workflow-definitions/w/../../workflow-instances", Token))).StatusCode);
        var saved = new HttpRequestMessage(HttpMethod.Post, "/api/workflow-definitions?publish=true") { Content = Json(TempWorkspace.TickerWorkflow("w", 1, 1)) };
        saved.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(saved)).StatusCode);
        // The OpenAPI document is not behind the token.
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(Get("/openapi/v1.json", null))).StatusCode);
    }

    /// <summary>What the gates answer before an endpoint runs is in the OpenAPI document: 403, 413, 415 on state-changing operations, and 401 everywhere under /api when there is a token.</summary>
    [Fact]
    public async Task OpenApiDeclaresTheGatesResponses()
    {
        foreach (var token in new[] { null, Token })
        {
            await using var server = await TestServer.StartAsync(Options, ServerSecurity.For("http://127.0.0.1:0", token));
            var document = await Body(await server.Client.SendAsync(Get("/openapi/v1.json", null)));
            Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("ProblemDetails", out _));
            int posts = 0;
            foreach (var path in document.GetProperty("paths").EnumerateObject())
                foreach (var operation in path.Value.EnumerateObject())
                {
                    var responses = operation.Value.GetProperty("responses");
                    bool changesState = operation.Name == "post";
                    posts += changesState ? 1 : 0;
                    foreach (var status in new[] { "403", "413", "415" })
                    {
                        Assert.True(responses.TryGetProperty(status, out var response) == changesState, $"{operation.Name} {path.Name} {status}");
                        if (changesState)
                            Assert.Equal("#/components/schemas/ProblemDetails",
                                response.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
                    }
                    Assert.True(responses.TryGetProperty("401", out _) == (token is not null), $"{operation.Name} {path.Name} 401");
                    Assert.True(operation.Value.TryGetProperty("security", out _) == (token is not null), $"{operation.Name} {path.Name} security");
                }
            Assert.True(posts >= 5, $"{posts} POST operations");
            bool schemes = document.GetProperty("components").TryGetProperty("securitySchemes", out var declared);
            Assert.Equal(token is not null, schemes);
            if (token is not null) Assert.Equal("bearer", declared.GetProperty("Bearer").GetProperty("scheme").GetString());
        }
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task NonJsonBodiesAre415AndChangeNothing(string contentType)
    {
        await using var server = await TestServer.StartAsync(Options);
        var http = server.Client;
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/workflow-definitions?publish=true", Json(TempWorkspace.TickerWorkflow("w", 1, 1)))).StatusCode);

        var content = new StringContent(TempWorkspace.TickerWorkflow("other", 1, 1));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await http.PostAsync("/api/workflow-definitions?publish=true", content)).StatusCode);
        var execute = new StringContent("""{ "inputs": {} }""");
        execute.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var refused = await http.PostAsync("/api/workflow-definitions/w/execute", execute);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        Assert.Equal(415, (await Body(refused)).GetProperty("status").GetInt32());

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/workflow-definitions/other")).StatusCode);
        Assert.Equal(0, (await server.GetJsonAsync("/api/workflow-instances")).GetProperty("total").GetInt32());
        // A body-less POST (publish, resume, cancel) needs no content type.
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/api/workflow-definitions/w/publish", null)).StatusCode);
    }

    [Fact]
    public async Task AHostHeaderThatIsNotOursIs400()
    {
        await using var server = await TestServer.StartAsync(Options);
        foreach (var host in new[] { "attacker.example", "127.0.0.1.attacker.example", "localhost.attacker.example" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/workflow-instances");
            request.Headers.Host = host;
            var response = await server.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(host, (await Body(response)).GetProperty("detail").GetString());
        }
        var localhost = new HttpRequestMessage(HttpMethod.Get, "/api/workflow-instances");
        localhost.Headers.Host = $"localhost:{server.Client.BaseAddress!.Port}";
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(localhost)).StatusCode);
    }

    [Fact]
    public async Task CrossOriginIsClosedByDefaultAndOpenForTheOneConfiguredOrigin()
    {
        const string allowed = "https://dash.example.org";
        await using var closed = await TestServer.StartAsync(Options);
        var fromElsewhere = new HttpRequestMessage(HttpMethod.Post, "/api/workflow-definitions") { Content = Json(TempWorkspace.TickerWorkflow("x", 1, 1)) };
        fromElsewhere.Headers.Add("Origin", "https://evil.example");
        var refused = await closed.Client.SendAsync(fromElsewhere);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
        var read = Get("/api/workflow-instances", null);
        read.Headers.Add("Origin", "https://evil.example");
        Assert.False((await closed.Client.SendAsync(read)).Headers.Contains("Access-Control-Allow-Origin"));
        var sameOrigin = new HttpRequestMessage(HttpMethod.Post, "/api/workflow-definitions") { Content = Json(TempWorkspace.TickerWorkflow("x", 1, 1)) };
        sameOrigin.Headers.Add("Origin", closed.Client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        Assert.Equal(HttpStatusCode.Created, (await closed.Client.SendAsync(sameOrigin)).StatusCode);
        await closed.DisposeAsync();

        await using var open = await TestServer.StartAsync(Options, ServerSecurity.For("http://127.0.0.1:0", Token, corsOrigin: allowed));
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/workflow-definitions");
        preflight.Headers.Add("Origin", allowed);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");
        var answer = await open.Client.SendAsync(preflight);
        Assert.Equal(allowed, answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var other = new HttpRequestMessage(HttpMethod.Options, "/api/workflow-definitions");
        other.Headers.Add("Origin", "https://evil.example");
        other.Headers.Add("Access-Control-Request-Method", "POST");
        Assert.False((await open.Client.SendAsync(other)).Headers.Contains("Access-Control-Allow-Origin"));
        var post = new HttpRequestMessage(HttpMethod.Post, "/api/workflow-definitions") { Content = Json(TempWorkspace.TickerWorkflow("y", 1, 1)) };
        post.Headers.Add("Origin", allowed);
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Assert.Equal(HttpStatusCode.Created, (await open.Client.SendAsync(post)).StatusCode);
    }

    [Fact]
    public async Task EveryResponseCarriesTheBrowserPolicy()
    {
        await using var server = await TestServer.StartAsync(Options);
        foreach (var path in new[] { "/api/workflow-instances", "/api/workflow-instances/none", "/openapi/v1.json" })
        {
            var response = await server.Client.GetAsync(path);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self';", csp);
            Assert.DoesNotContain("unsafe-inline';", csp.Split("style-src")[0]);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    [Theory]
    [InlineData("http://0.0.0.0:5999")]
    [InlineData("http://*:5999")]
    [InlineData("http://127.0.0.1:5998;http://[::]:5999")]
    [InlineData("http://example.org:5999")]
    public async Task ServeBeyondLoopbackWithoutATokenExits2SayingSo(string urls)
    {
        var run = await CliRun.Of(["serve", "--urls", urls, .. _workspace.EngineArgs]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--api-token", run.Stderr);
        Assert.Contains("LOSSSEARCH_API_TOKEN", run.Stderr);
        Assert.False(File.Exists(_workspace.Database));
    }

    [Theory]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("https://[::1]:5001", true)]
    [InlineData("http://127.9.0.1:5000", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://+:5000", false)]
    [InlineData("http://192.168.1.4:5000", false)]
    public void LoopbackIsRecognised(string url, bool loopback) => Assert.Equal(loopback, BindAddresses.IsLoopback(url));

    [Fact]
    public void TheTokenCheckIsExact()
    {
        var token = new ApiToken(Token);
        Assert.True(token.Accepts($"Bearer {Token}"));
        Assert.True(token.Accepts($"bearer {Token}"));
        foreach (var wrong in new[] { null, "", Token, $"Basic {Token}", $"Bearer {Token[..^1]}", $"Bearer {Token}!", "Bearer " })
            Assert.False(token.Accepts(wrong), wrong);
        Assert.DoesNotContain(Token, token.ToString());
    }

    public void Dispose() => _workspace.Dispose();
}
