using System.Text.Json;
using LossSearch.Host.Tests.Workflows;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LossSearch.Host.Tests.Browser;

/// <summary>The instance view's artifact downloads and controls in Chromium, on finished instances of one shared <c>losssearch serve</c>.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InstancePageBrowserTests(Chromium chromium, SharedServe shared) : IClassFixture<SharedServe>
{
    private async Task<string> FinishedTickerAsync(string definitionId)
    {
        await shared.Serve.PublishAsync(TempWorkspace.TickerWorkflow(definitionId, 2, 10));
        string id = await shared.Serve.RunTickerAsync(definitionId, 2);
        await shared.Serve.WaitForSubStatusAsync(id, "Finished");
        return id;
    }

    [Fact]
    public async Task AFileThatIsNeitherReportNorImageNorTableIsADownloadThroughTheArtifactsEndpointAndPathsCannotLeaveTheFolder()
    {
        string id = await FinishedTickerAsync("downloads");
        string expected = await shared.Serve.Client.GetStringAsync($"/api/workflow-instances/{id}/artifacts/tick/ticks.txt");
        await File.WriteAllTextAsync(Path.Combine(shared.Workspace.Root, "secret.txt"), "not the instance's");
        await using var browser = await BrowserPage.OpenAsync(chromium, shared.Serve.Client.BaseAddress!);
        var page = browser.Page;
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(new Uri(request.Url).AbsolutePath);
        await page.GotoAsync($"/instances/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "artifacts", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "tick/ticks.txt", Exact = true }).ClickAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download tick/ticks.txt" }).ClickAsync());
        Assert.Equal("ticks.txt", download.SuggestedFilename);
        string saved = Path.Combine(shared.Workspace.Root, $"{id}-ticks.txt");
        await download.SaveAsAsync(saved);
        Assert.Equal(expected, await File.ReadAllTextAsync(saved));
        Assert.Contains($"/api/workflow-instances/{id}/artifacts/tick/ticks.txt", requested);

        // From the page, the ways of writing ".." in a URL: none of them gets a file outside the instance's folder.
        var answers = await page.EvaluateAsync<JsonElement>("""
            async (id) => {
              const out = [];
              for (const p of ["..%2F..%2Fsecret.txt", "%2e%2e/%2e%2e/secret.txt", "tick/..%2F..%2F..%2Fsecret.txt", "..%5C..%5Csecret.txt"]) {
                const r = await fetch(`/api/workflow-instances/${id}/artifacts/${p}`);
                out.push({ path: p, status: r.status, body: await r.text() });
              }
              return out;
            }
            """, id);
        foreach (var answer in answers.EnumerateArray())
        {
            Assert.InRange(answer.GetProperty("status").GetInt32(), 400, 499);
            Assert.DoesNotContain("not the instance's", answer.GetProperty("body").GetString());
        }
        Assert.True(browser.Errors.Count == 0, string.Join("\n", browser.Errors));
    }

    [Fact]
    public async Task ResumeAndCancelAreDisabledOnAFinishedInstanceAndSayWhy()
    {
        string id = await FinishedTickerAsync("finished");
        await using var browser = await BrowserPage.OpenAsync(chromium, shared.Serve.Client.BaseAddress!);
        var page = browser.Page;
        await page.GotoAsync($"/instances/{id}");
        await Expect(page.GetByTestId("instance-status")).ToHaveTextAsync("Finished / Finished");
        var resume = page.GetByRole(AriaRole.Button, new() { Name = "Resume", Exact = true });
        var cancel = page.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true });
        await Expect(resume).ToBeDisabledAsync();
        await Expect(resume).ToHaveAttributeAsync("title", "This instance finished: there is nothing left to resume.");
        await Expect(cancel).ToBeDisabledAsync();
        await Expect(cancel).ToHaveAttributeAsync("title", "This instance has ended: there is nothing to cancel.");
        // The server agrees: it refuses to resume a finished instance.
        Assert.Equal(System.Net.HttpStatusCode.Conflict, (await shared.Serve.Client.PostAsync($"/api/workflow-instances/{id}/resume", null)).StatusCode);
        Assert.True(browser.Errors.Count == 0, string.Join("\n", browser.Errors));
    }
}
