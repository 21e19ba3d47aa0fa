using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LossSearch.Host.Tests.Workflows;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LossSearch.Host.Tests.Browser;

/// <summary>The dashboard in Chromium against a real <c>losssearch serve</c>.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(Chromium chromium) : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> RunAsync(HttpClient client, int ticks)
    {
        var executed = await client.PostAsync("/api/workflow-definitions/ticker/execute", Json($$"""{ "inputs": { "tick": { "ticks": {{ticks}} } } }"""));
        Assert.Equal(HttpStatusCode.Accepted, executed.StatusCode);
        return (await executed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instanceId").GetString()!;
    }

    private static async Task WaitForAsync(HttpClient client, string id, string subStatus)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await client.GetFromJsonAsync<JsonElement>($"/api/workflow-instances/{id}", timeout.Token)).GetProperty("subStatus").GetString() != subStatus)
            await Task.Delay(50, timeout.Token);
    }

    [Fact]
    public async Task TheListShowsInstancesAndTheInstanceViewFollowsARunningOneLiveUntilCancelled()
    {
        using var serve = await ServeProcess.StartAsync(_workspace);
        Assert.Equal(HttpStatusCode.Created, (await serve.Client.PostAsync("/api/workflow-definitions?publish=true", Json(TempWorkspace.TickerWorkflow("ticker", 2, 50)))).StatusCode);
        string finished = await RunAsync(serve.Client, 2);
        await WaitForAsync(serve.Client, finished, "Finished");
        string running = await RunAsync(serve.Client, 1_000_000);
        await using var browser = await BrowserPage.OpenAsync(chromium, serve.Client.BaseAddress!);
        var page = browser.Page;

        await page.GotoAsync("/");
        var finishedRow = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = finished }) });
        await Expect(finishedRow).ToContainTextAsync("Finished / Finished");
        await Expect(finishedRow).ToContainTextAsync("100 %");
        await Expect(finishedRow).ToContainTextAsync("ticker v1");
        await page.GetByLabel("status filter").SelectOptionAsync("Running");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = finished })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = running })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = running }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"/instances/{running}");
        await Expect(page.GetByTestId("status-hello")).ToHaveTextAsync("Completed");
        await Expect(page.GetByTestId("status-tick")).ToHaveTextAsync("Running");
        await page.GetByTestId("node-tick").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "activity tick" })).ToContainTextAsync("attempt 1");
        await browser.ScreenshotAsync("instance-view");

        // Cancel asks first; then the page follows the instance to its end over the event stream, without reloading.
        string? asked = null;
        page.Dialog += async (_, dialog) => { asked = dialog.Message; await dialog.AcceptAsync(); };
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("status-tick")).ToHaveTextAsync("Cancelled");
        await Expect(page.GetByTestId("instance-status")).ToContainTextAsync("Cancelled");
        Assert.Contains("Cancel this instance?", asked);
        var view = await serve.Client.GetFromJsonAsync<JsonElement>($"/api/workflow-instances/{running}");
        Assert.Equal("Cancelled", view.GetProperty("subStatus").GetString());
        Assert.True(browser.Errors.Count == 0, string.Join("\n", browser.Errors));
    }

    public void Dispose() => _workspace.Dispose();
}
