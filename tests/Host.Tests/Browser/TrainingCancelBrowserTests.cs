using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LossSearch.Host.Tests.Workflows;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LossSearch.Host.Tests.Browser;

/// <summary>Cancel from the instance view stops a real training (a WideResNet grid unit) and keeps its checkpoint.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TrainingCancelBrowserTests(Chromium chromium) : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    /// <summary>One unit of many short epochs: it would train for a long while; every epoch ends in a checkpoint.</summary>
    private const string LongTraining = """
        {
          "definitionId": "long-training",
          "name": "A long WideResNet training",
          "root": {
            "type": "Flowchart",
            "activities": [
              { "id": "trainWrn", "type": "TrainWrn", "inputs": {
                  "losses": ["cross-entropy"], "datasets": ["synthetic:cifar10?n=64&test=16&seed=2"], "augmentations": ["cutout"], "seeds": [1],
                  "depth": 10, "width": 1, "epochs": 100000, "stepsPerEpoch": 2, "batch": 16, "dropEpochs": [], "device": "cpu" } }
            ],
            "connections": []
          }
        }
        """;

    [Fact]
    public async Task CancelFromThePageStopsTheTrainingAtItsNextStepAndKeepsItsCheckpoint()
    {
        using var serve = await ServeProcess.StartAsync(_workspace);
        Assert.Equal(HttpStatusCode.Created, (await serve.Client.PostAsync("/api/workflow-definitions?publish=true", new StringContent(LongTraining, Encoding.UTF8, "application/json"))).StatusCode);
        var executed = await serve.Client.PostAsync("/api/workflow-definitions/long-training/execute", new StringContent("{}", Encoding.UTF8, "application/json"));
        string id = (await executed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instanceId").GetString()!;

        await using var browser = await BrowserPage.OpenAsync(chromium, serve.Client.BaseAddress!);
        var page = browser.Page;
        await page.GotoAsync($"/instances/{id}");
        await page.GetByTestId("node-trainWrn").ClickAsync();
        // The unit's live chart: two epochs done (and checkpointed) before the cancel.
        var unit = page.Locator("[data-testid^='unit-chart-']");
        await Expect(unit.Locator("h4")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\(([2-9]|\d\d+) epoch\(s\) done\)"), new() { Timeout = 120_000 });
        await Expect(unit.Locator("path[data-series='training loss']")).ToHaveAttributeAsync("d", new System.Text.RegularExpressions.Regex("L"));
        // Both of the unit's charts are in sight as the panel opens: neither the window nor the panel needs scrolling.
        await Expect(unit.Locator("figure.line-chart")).ToHaveCountAsync(2);
        await browser.AssertShownWithoutScrollingAsync(unit.Locator("figure.line-chart").Last, page.GetByRole(AriaRole.Region, new() { Name = "activity trainWrn" }));
        await browser.ScreenshotAsync("instance-training");

        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("status-trainWrn")).ToHaveTextAsync("Cancelled");
        await Expect(page.GetByTestId("instance-status")).ToContainTextAsync("Cancelled");
        // A cancelled instance can be resumed (from its checkpoints), as the server allows; cancelling again cannot.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Resume", Exact = true })).ToBeEnabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true })).ToBeDisabledAsync();
        await Expect(page.Locator("table.journal tbody tr", new() { HasText = "WorkItemCancelled" })).ToHaveCountAsync(1, new() { Timeout = 60_000 });

        // Stopped: the training's job has returned (its log says so), the checkpoint written at the cancel stays, and
        // from then on nothing writes another.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            while (!(await serve.Client.GetStringAsync($"/api/workflow-instances/{id}/logs?activityId=trainWrn&tail=50", timeout.Token)).Contains("stopped: cancelled or stalled"))
                await Task.Delay(200, timeout.Token);
        string unitFolder = Assert.Single(Directory.GetDirectories(Path.Combine(_workspace.Artifacts, id, "trainWrn", "units")));
        string manifest = Path.Combine(unitFolder, "checkpoints", "manifest.json");
        Assert.True(File.Exists(manifest), manifest);
        string before = await File.ReadAllTextAsync(manifest);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(before, await File.ReadAllTextAsync(manifest));
        var entries = JsonDocument.Parse(before).RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(entries);
        Assert.True(File.Exists(Path.Combine(unitFolder, "checkpoints", entries[^1].GetProperty("file").GetString()!)));
        Assert.InRange(entries[^1].GetProperty("epoch").GetInt32(), 2, 99_999);
        Assert.True(browser.Errors.Count == 0, string.Join("\n", browser.Errors));
    }

    public void Dispose() => _workspace.Dispose();
}
