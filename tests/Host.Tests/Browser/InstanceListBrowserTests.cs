using System.Net.Http.Json;
using System.Text.Json;
using LossSearch.Host.Tests.Workflows;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LossSearch.Host.Tests.Browser;

/// <summary>The instance list's paging, filters and bulk cancel in Chromium against a real <c>losssearch serve</c>.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InstanceListBrowserTests(Chromium chromium) : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    private const string EchoWorkflow = """
        { "definitionId": "echo", "name": "Echo", "root": { "type": "Flowchart", "activities": [ { "id": "say", "type": "Echo", "inputs": { "text": "hi" } } ], "connections": [] } }
        """;

    private static ILocator Rows(IPage page) => page.Locator("table.grid tbody tr");

    private static Task<IReadOnlyList<string>> ShownIdsAsync(IPage page) => Rows(page).Locator("td:nth-child(2)").AllTextContentsAsync();

    [Fact]
    public async Task PagesFiltersByDefinitionAndIncidentsAndCancelsSeveralInstancesAtOnce()
    {
        using var serve = await ServeProcess.StartAsync(_workspace);
        await serve.PublishAsync(EchoWorkflow);
        await serve.PublishAsync(TempWorkspace.TickerWorkflow("ticker", 1, 4000));
        // 24 short runs, one faulted and three running: 28 instances, more than one page of 25.
        var echoes = new List<string>();
        for (int i = 0; i < 24; i++) echoes.Add(await serve.ExecuteAsync("echo"));
        var (faulted, _) = await serve.RunFaultingTickerAsync(_workspace, "ticker");
        var running = new List<string>();
        for (int i = 0; i < 3; i++) running.Add(await serve.RunTickerAsync("ticker", 1_000_000));
        foreach (var id in echoes) await serve.WaitForSubStatusAsync(id, "Finished");
        var firstPage = await serve.InstanceIdsAsync("page=1&pageSize=25");
        var secondPage = await serve.InstanceIdsAsync("page=2&pageSize=25");
        Assert.Equal(3, secondPage.Length);

        await using var browser = await BrowserPage.OpenAsync(chromium, serve.Client.BaseAddress!);
        var page = browser.Page;
        await page.GotoAsync("/");
        var pager = page.Locator(".pager");
        var previous = pager.GetByRole(AriaRole.Button, new() { Name = "Previous" });
        var next = pager.GetByRole(AriaRole.Button, new() { Name = "Next" });
        await Expect(pager).ToContainTextAsync("page 1 of 2 (28 instances)");
        await Expect(Rows(page)).ToHaveCountAsync(25);
        Assert.Equal(firstPage, await ShownIdsAsync(page));
        await Expect(previous).ToBeDisabledAsync();
        await next.ClickAsync();
        await Expect(pager).ToContainTextAsync("page 2 of 2 (28 instances)");
        await Expect(Rows(page)).ToHaveCountAsync(3);
        Assert.Equal(secondPage, await ShownIdsAsync(page));
        await Expect(next).ToBeDisabledAsync();
        await previous.ClickAsync();
        await Expect(pager).ToContainTextAsync("page 1 of 2");
        await Expect(Rows(page)).ToHaveCountAsync(25);
        Assert.Equal(firstPage, await ShownIdsAsync(page));

        // By definition: the ticker's four; with "has incidents" only the faulted one.
        await page.GetByLabel("definition filter").SelectOptionAsync("ticker");
        await Expect(Rows(page)).ToHaveCountAsync(4);
        await Expect(pager).ToContainTextAsync("page 1 of 1 (4 instances)");
        foreach (var row in await Rows(page).AllAsync()) await Expect(row).ToContainTextAsync("ticker v1");
        Assert.Equal(running.Append(faulted).Order(), (await ShownIdsAsync(page)).Order());
        await page.GetByLabel("has incidents").CheckAsync();
        await Expect(Rows(page)).ToHaveCountAsync(1);
        await Expect(Rows(page)).ToContainTextAsync(faulted);
        await Expect(Rows(page)).ToContainTextAsync("Finished / Faulted");
        await Expect(Rows(page).Locator("td").Last).ToHaveTextAsync("1");
        await page.GetByLabel("has incidents").UncheckAsync();
        await Expect(Rows(page)).ToHaveCountAsync(4);
        await browser.ScreenshotAsync("instance-list-filtered");

        // Bulk cancel: tick the three running ones, confirm, and they end Cancelled (the faulted one stays as it was).
        string? asked = null;
        page.Dialog += async (_, dialog) => { asked = dialog.Message; await dialog.AcceptAsync(); };
        foreach (var id in running) await page.GetByLabel($"select {id}").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel selected (3)" }).ClickAsync();
        await Expect(page.Locator(".toolbar .note")).ToHaveTextAsync("3 cancelled");
        Assert.StartsWith("Cancel 3 instance(s)?", asked);
        foreach (var id in running)
            await Expect(Rows(page).Filter(new() { HasText = id })).ToContainTextAsync("Finished / Cancelled");
        await Expect(Rows(page).Filter(new() { HasText = faulted })).ToContainTextAsync("Finished / Faulted");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel selected (0)" })).ToBeDisabledAsync();
        foreach (var id in running)
            Assert.Equal("Cancelled", (await serve.Client.GetFromJsonAsync<JsonElement>($"/api/workflow-instances/{id}")).GetProperty("subStatus").GetString());
        Assert.True(browser.Errors.Count == 0, string.Join("\n", browser.Errors));
    }

    public void Dispose() => _workspace.Dispose();
}
