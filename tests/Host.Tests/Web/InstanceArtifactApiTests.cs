using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LossSearch.Host.Tests.Workflows;
using LossSearch.Workflows;

namespace LossSearch.Host.Tests.Web;

public class InstanceArtifactApiTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    [Fact]
    public async Task AnInstancesFilesAreListedAndServedButNothingOutsideIt()
    {
        var options = new WorkflowEngineOptions { DatabasePath = _workspace.Database, ArtifactsDirectory = _workspace.Artifacts };
        await using var server = await TestServer.StartAsync(options);
        var http = server.Client;
        var content = new StringContent(TempWorkspace.TickerWorkflow("files", ticks: 2, intervalMs: 10), Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("/api/workflow-definitions?publish=true", content)).StatusCode);
        var executed = await http.PostAsync("/api/workflow-definitions/files/execute", null);
        string id = (await executed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instanceId").GetString()!;
        await server.WaitForInstanceAsync(id, v => v.GetProperty("status").GetString() == "Finished");
        File.WriteAllText(Path.Combine(_workspace.Artifacts, id, "report.md"), "# hello\n");
        File.WriteAllText(Path.Combine(_workspace.Root, "secret.txt"), "not yours");

        var list = await server.GetJsonAsync($"/api/workflow-instances/{id}/artifacts");
        var files = list.GetProperty("files").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("tick/ticks.txt", files);
        Assert.Contains("report.md", files);

        var report = await http.GetAsync($"/api/workflow-instances/{id}/artifacts/report.md");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("text/markdown", report.Content.Headers.ContentType!.MediaType);
        Assert.Equal("# hello\n", await report.Content.ReadAsStringAsync());
        Assert.Equal("2", await http.GetStringAsync($"/api/workflow-instances/{id}/artifacts/tick/ticks.txt"));

        var escape = await http.GetAsync($"/api/workflow-instances/{id}/artifacts/..%2F..%2Fsecret.txt");
        Assert.NotEqual(HttpStatusCode.OK, escape.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/workflow-instances/{id}/artifacts/missing.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/workflow-instances/nope/artifacts")).StatusCode);
    }

    [Theory]
    [InlineData("report/report.md", true)]
    [InlineData("a/../b.png", true)]
    [InlineData("../secret.txt", false)]
    [InlineData("report/../../other-instance/x.csv", false)]
    [InlineData("/etc/passwd", false)]
    public void ArtifactPathsStayInsideTheInstanceFolder(string relative, bool inside)
    {
        string root = Path.Combine(_workspace.Artifacts, "instance");
        var file = LossSearch.Host.Web.InstanceArtifactEndpoints.Inside(root, relative);
        Assert.Equal(inside, file is not null);
        if (file is not null) Assert.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, file);
    }

    public void Dispose() => _workspace.Dispose();
}
