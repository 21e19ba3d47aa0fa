using System.Diagnostics;
using System.Net;
using LossSearch.Host.Tests.Funnel;
using LossSearch.Host.Tests.Workflows;
using LossSearch.Workflows;

namespace LossSearch.Host.Tests.Web;

/// <summary><c>serve</c> answers the front end at <c>/</c> and its client-side routes; unknown API paths stay JSON 404s.</summary>
public class ClientAppServingTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    private WorkflowEngineOptions Options => new() { DatabasePath = _workspace.Database, ArtifactsDirectory = _workspace.Artifacts };

    [Fact]
    public async Task TheAppIsServedAtItsRoutesAndUnknownApiPathsAreJson404s()
    {
        await using var server = await TestServer.StartAsync(Options);
        foreach (var route in new[] { "/", "/designer/smoke", "/instances/abc", "/designer" })
        {
            var page = await server.Client.GetAsync(route);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
            string html = await page.Content.ReadAsStringAsync();
            Assert.Contains("<div id=\"root\"></div>", html);
            Assert.DoesNotContain("<script>", html);
        }
        string index = await server.Client.GetStringAsync("/");
        string script = System.Text.RegularExpressions.Regex.Match(index, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        var bundle = await server.Client.GetAsync(script);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal("text/javascript", bundle.Content.Headers.ContentType!.MediaType);

        foreach (var path in new[] { "/api/nope", "/api/workflow-instances/x/nothing/here" })
        {
            var missing = await server.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/assets/missing.js")).StatusCode);
    }

    /// <summary>src/Host/ClientApp/src/api/schema.ts is what openapi-typescript makes of the server's OpenAPI document today.</summary>
    [Fact]
    public async Task TheFrontEndsApiTypesAreGeneratedFromTheCurrentOpenApiDocument()
    {
        await using var server = await TestServer.StartAsync(Options);
        string document = _workspace.Write("openapi.json", await server.Client.GetStringAsync("/openapi/v1.json"));
        string clientApp = Path.Combine(RepositoryFiles.Root, "src", "Host", "ClientApp");
        string generated = Path.Combine(_workspace.Root, "schema.ts");
        var start = new ProcessStartInfo("node") { WorkingDirectory = clientApp, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine("node_modules", "openapi-typescript", "bin", "cli.js"), document, "-o", generated }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        string errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"openapi-typescript failed: {errors}");
        string committed = Path.Combine(clientApp, "src", "api", "schema.ts");
        Assert.True(File.ReadAllText(generated) == File.ReadAllText(committed),
            $"{committed} is stale: run `losssearch serve` and then `npm run api-types` in src/Host/ClientApp (LOSSSEARCH_URL=http://host:port when not localhost:5000), and commit the result.");
    }

    public void Dispose() => _workspace.Dispose();
}
