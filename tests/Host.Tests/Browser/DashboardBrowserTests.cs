using System.Net.Http.Json;
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

    [Fact]
    public async Task TheListShowsInstancesAndTheInstanceViewFollowsARunningOneLiveUntilCancelled()
    {
        using var serve = await ServeProcess.StartAsync(_workspace);
        await serve.PublishAsync(TempWorkspace.TickerWorkflow("ticker", 2, 50));
        string finished = await serve.RunTickerAsync("ticker", 2);
        await serve.WaitForSubStatusAsync(finished, "Finished");
        await using var browser = await BrowserPage.OpenAsync(chromium, serve.Client.BaseAddress!);
        var page = browser.Page;

        await page.GotoAsync("/");
        var finishedRow = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = finished }) });
        await Expect(finishedRow).ToContainTextAsync("Finished / Finished");
        await Expect(finishedRow).ToContainTextAsync("100 %");
        await Expect(finishedRow).ToContainTextAsync("ticker v1");
        // An instance started after the page loaded shows up without a reload or a click on Refresh: the list re-reads its page.
        string running = await serve.RunTickerAsync("ticker", 1_000_000);
        var runningRow = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = running }) });
        await Expect(runningRow).ToContainTextAsync("Running / Executing");
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

    /// <summary>The smoke funnel made tiny through the designer's input overrides, as a user would (all on the CPU).</summary>
    private const string TinySmoke = """
        {
          "evolve": { "augmentations": ["cutout"], "initial": 3, "population": 2, "sample": 1, "children": 1, "steps": 6, "stepsPerEpoch": 6,
                      "dataset": "synthetic:cifar10?n=96&test=16&seed=1", "device": "cpu" },
          "selectForWrn": { "k": 1 },
          "trainWrn": { "augmentations": ["cutout"], "datasets": ["synthetic:cifar10?n=48&test=16&seed=2"], "epochs": 1, "stepsPerEpoch": 2, "dropEpochs": [], "device": "cpu" },
          "fineTune": { "datasets": ["synthetic:3x32x32?classes=5&n=24&test=8&seed=4"], "steps": 1, "stepsPerEvaluation": 1, "batch": 8, "imageSize": 32, "device": "cpu" }
        }
        """;

    [Fact]
    public async Task ASmokeRunTriggeredFromThePageFinishesLiveWithChartsAndItsReportRendered()
    {
        using var serve = await ServeProcess.StartAsync(_workspace);
        string smoke = await File.ReadAllTextAsync(Funnel.RepositoryFiles.Workflow("smoke.json"));
        await serve.PublishAsync(smoke);
        await using var browser = await BrowserPage.OpenAsync(chromium, serve.Client.BaseAddress!);
        var page = browser.Page;

        await page.GotoAsync("/designer/smoke");
        await Expect(page.GetByTestId("version-badge")).ToContainTextAsync("published");
        await page.GetByText("Run…").ClickAsync();
        await page.GetByLabel("input overrides").FillAsync(TinySmoke);
        await page.GetByRole(AriaRole.Button, new() { Name = "Run published version" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/instances/[^/]+$"));
        string instanceId = new Uri(page.Url).Segments[^1];

        // The nodes turn to Completed as the run goes, without a reload (the event stream); tiny as it is, it trains for real.
        var slow = new LocatorAssertionsToHaveTextOptions { Timeout = 300_000 };
        await Expect(page.GetByTestId("status-report")).ToHaveTextAsync("Completed", slow);
        foreach (var node in new[] { "evolve", "selectForWrn", "trainWrn", "selectForEfficientNet", "fineTune" })
            await Expect(page.GetByTestId($"status-{node}")).ToHaveTextAsync("Completed");
        await Expect(page.GetByTestId("instance-status")).ToContainTextAsync("Finished / Finished");

        // Evolve's curve and rejections, and the grid's finished units, from the stored progress points.
        await page.GetByTestId("node-evolve").ClickAsync();
        var search = page.GetByTestId("search-chart-cutout-seed1");
        await Expect(search).ToContainTextAsync("Rejected because");
        await Expect(search.Locator("path[data-series='best so far']")).ToHaveAttributeAsync("d", new System.Text.RegularExpressions.Regex("^M[0-9.]+,[0-9.]+L"));
        await Expect(search.Locator("path[data-series='population median']")).ToHaveCountAsync(1);
        await browser.AssertShownWithoutScrollingAsync(search.Locator("figure.line-chart"), page.GetByRole(AriaRole.Region, new() { Name = "activity evolve" }));
        await browser.ScreenshotAsync("instance-evolve-chart");
        await page.GetByTestId("node-trainWrn").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "finished units" }).Locator("tbody tr")).ToHaveCountAsync(2);

        // The report: Markdown rendered with its PNGs inline (fetched through the artifacts endpoint), a CSV as a sortable table.
        await page.GetByRole(AriaRole.Button, new() { Name = "artifacts", Exact = true }).ClickAsync();
        var markdown = page.Locator(".markdown");
        await Expect(markdown.Locator("h2", new() { HasText = "Evolution" })).ToBeVisibleAsync();
        var image = markdown.Locator("img").First;
        await Expect(image).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^blob:"));
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('.markdown img'); return i && i.complete && i.naturalWidth > 100; }");
        await browser.ScreenshotAsync("instance-report");
        await page.GetByRole(AriaRole.Button, new() { Name = "report/wrn.csv" }).ClickAsync();
        var csv = page.Locator("table.csv");
        await Expect(csv.Locator("tbody tr")).ToHaveCountAsync(2);
        // Sorted by the loss column (the third): one way, then the other.
        var lossHeader = csv.Locator("th").Nth(2);
        await Expect(lossHeader).ToHaveTextAsync("loss");
        await lossHeader.Locator("button").ClickAsync();
        await Expect(lossHeader).ToContainTextAsync("▲");
        var ascending = await csv.Locator("tbody tr td:nth-child(3)").AllTextContentsAsync();
        await lossHeader.Locator("button").ClickAsync();
        await Expect(lossHeader).ToContainTextAsync("▼");
        var descending = await csv.Locator("tbody tr td:nth-child(3)").AllTextContentsAsync();
        Assert.NotEqual(ascending, descending);
        Assert.Equal(ascending.Reverse(), descending);

        // The leaderboard: each loss the search scored, as text and rendered by KaTeX from the LaTeX the search gave it.
        var outputs = JsonDocument.Parse(await serve.Client.GetStringAsync($"/api/workflow-instances/{instanceId}")).RootElement.GetProperty("activities");
        var latex = LatexByExpression(outputs);
        await page.GetByRole(AriaRole.Button, new() { Name = "leaderboard", Exact = true }).ClickAsync();
        var searchRows = page.Locator("table.leaderboard tbody tr").Filter(new() { HasText = "search (fitness)" });
        await Expect(searchRows.First).ToBeVisibleAsync();
        var rows = await searchRows.AllAsync();
        foreach (var row in rows)
        {
            string loss = (await row.Locator("code").TextContentAsync())!;
            Assert.True(latex.ContainsKey(loss), $"the search gave no LaTeX for {loss}");
            await Expect(row.Locator(".katex")).ToHaveCountAsync(1);
            await Expect(row.Locator(".katex annotation")).ToHaveTextAsync(latex[loss]);
        }
        await browser.ScreenshotAsync("instance-leaderboard");
        Assert.True(browser.Errors.Count == 0, string.Join("\n", browser.Errors));
    }

    [Fact]
    public async Task AFaultedActivityIsShownAndResumedFromThePageAndTheJournalShowsTheResume()
    {
        using var serve = await ServeProcess.StartAsync(_workspace);
        await serve.PublishAsync(TempWorkspace.TickerWorkflow("ticker", 1, 4000));
        var (id, blocker) = await serve.RunFaultingTickerAsync(_workspace, "ticker");

        await using var browser = await BrowserPage.OpenAsync(chromium, serve.Client.BaseAddress!);
        var page = browser.Page;
        await page.GotoAsync($"/instances/{id}");
        await Expect(page.GetByTestId("status-tick")).ToHaveTextAsync("Faulted");
        var incident = page.Locator(".incident");
        await Expect(incident.Locator("summary")).ToContainTextAsync("tick attempt 1");
        await Expect(incident.Locator("pre")).ToContainTextAsync("at LossSearch.Workflows.Activities.AtomicFile.WriteAllText");
        await browser.ScreenshotAsync("instance-faulted");

        // The cause fixed, Resume asks first, then the page follows the activity to its end.
        Directory.Delete(blocker);
        string? asked = null;
        page.Dialog += async (_, dialog) => { asked = dialog.Message; await dialog.AcceptAsync(); };
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("status-tick")).ToHaveTextAsync("Completed");
        await Expect(page.GetByTestId("instance-status")).ToContainTextAsync("Finished / Finished");
        Assert.Contains("Resume this instance?", asked);
        var journal = page.Locator("table.journal tbody");
        await Expect(journal.Locator("tr", new() { HasText = "InstanceResumed" })).ToHaveCountAsync(1);
        await Expect(journal.Locator("tr", new() { HasText = "ActivityFaulted" })).ToHaveCountAsync(1);
        await Expect(journal.Locator("tr", new() { HasText = "ActivityCompleted" }).Filter(new() { HasText = "tick" })).ToHaveCountAsync(1);
        var view = await serve.Client.GetFromJsonAsync<JsonElement>($"/api/workflow-instances/{id}");
        var tick = view.GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("activityId").GetString() == "tick");
        Assert.Equal(2, tick.GetProperty("attempt").GetInt32());
        Assert.Equal(1, tick.GetProperty("outputs").GetProperty("counted").GetInt32());
        Assert.True(browser.Errors.Count == 0, string.Join("\n", browser.Errors));
    }

    /// <summary>Every <c>{expression, latex}</c> pair in the activities' outputs.</summary>
    private static Dictionary<string, string> LatexByExpression(JsonElement value, Dictionary<string, string>? into = null)
    {
        into ??= [];
        if (value.ValueKind == JsonValueKind.Array) foreach (var v in value.EnumerateArray()) LatexByExpression(v, into);
        if (value.ValueKind != JsonValueKind.Object) return into;
        if (value.TryGetProperty("expression", out var e) && value.TryGetProperty("latex", out var l) && e.ValueKind == JsonValueKind.String && l.ValueKind == JsonValueKind.String)
            into[e.GetString()!] = l.GetString()!;
        foreach (var p in value.EnumerateObject()) LatexByExpression(p.Value, into);
        return into;
    }

    public void Dispose() => _workspace.Dispose();
}
