using System.Text.Json;
using System.Text.Json.Nodes;
using LossSearch.Host.Tests.Workflows;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LossSearch.Host.Tests.Browser;

/// <summary>The designer in Chromium against a real <c>losssearch serve</c>.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerBrowserTests(Chromium chromium, SharedServe shared) : IClassFixture<SharedServe>
{

    private static async Task DragAsync(IPage page, ILocator from, ILocator to)
    {
        var a = (await from.BoundingBoxAsync())!;
        var b = (await to.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(a.X + a.Width / 2, a.Y + a.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(b.X + b.Width / 2, b.Y + b.Height / 2, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
    }

    private static ILocator Handle(IPage page, string node, string side) => page.GetByTestId($"node-{node}").Locator($".react-flow__handle-{side}");

    [Fact]
    public async Task AFunnelBuiltFromThePaletteIsValidatedSavedPublishedAndReloaded()
    {
        var serve = shared.Serve;
        await using var browser = await BrowserPage.OpenAsync(chromium, serve.Client.BaseAddress!);
        var page = browser.Page;
        await page.GotoAsync("/designer/browser-funnel");

        var canvas = page.GetByTestId("canvas");
        await page.GetByTestId("palette-Evolve").DragToAsync(canvas, new() { TargetPosition = new() { X = 40, Y = 120 } });
        await page.GetByTestId("palette-SelectTopK").DragToAsync(canvas, new() { TargetPosition = new() { X = 290, Y = 260 } });
        await page.GetByTestId("palette-Report").DragToAsync(canvas, new() { TargetPosition = new() { X = 540, Y = 120 } });
        await Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(3);

        // Delete with the keyboard, then undo it.
        await page.GetByTestId("node-report").ClickAsync();
        await Expect(page.Locator(".react-flow__node.selected")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Delete");
        await Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(2);
        await page.Keyboard.PressAsync("Control+z");
        await Expect(page.GetByTestId("node-report")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Zoom to fit" }).ClickAsync();
        await DragAsync(page, Handle(page, "evolve", "right"), Handle(page, "selectTopK", "left"));
        await DragAsync(page, Handle(page, "selectTopK", "right"), Handle(page, "report", "left"));
        await Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(2);

        // Select Top-K: its scores from Evolve (the only upstream output that fits), and k out of range first.
        await page.GetByTestId("node-selectTopK").ClickAsync();
        await page.GetByLabel("scores source").SelectOptionAsync("output");
        await Expect(page.GetByLabel("scores output")).ToHaveValueAsync("evolve.scores");
        var k = page.GetByTestId("field-k");
        await k.GetByLabel("k", new() { Exact = true }).FillAsync("0");
        await Expect(k.GetByRole(AriaRole.Alert)).ToHaveTextAsync("must be at least 1");
        await Expect(page.GetByTestId("node-selectTopK")).ToContainTextAsync("1 problem(s)");
        await browser.ScreenshotAsync("designer-invalid-k");
        await k.GetByLabel("k", new() { Exact = true }).FillAsync("2");
        await Expect(k.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await page.GetByLabel("rule", new() { Exact = true }).SelectOptionAsync("\"overall\"");

        await page.GetByTestId("node-report").ClickAsync();
        await page.GetByLabel("searches source").SelectOptionAsync("output");
        await Expect(page.GetByLabel("searches output")).ToHaveValueAsync("evolve.searches");

        await page.GetByTestId("node-evolve").ClickAsync();
        await Expect(page.GetByTestId("field-dataset").GetByRole(AriaRole.Alert)).ToHaveTextAsync("required");
        await page.GetByLabel("dataset", new() { Exact = true }).FillAsync("synthetic:cifar10?n=200&seed=1");
        await Expect(page.Locator(".activity-node.invalid")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("draft saved as version 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(page.GetByTestId("version-badge")).ToHaveTextAsync("version 1 (published)");
        await Expect(page.GetByText("unsaved", new() { Exact = true })).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("designer");

        await page.ReloadAsync();
        await Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(3);
        await Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(2);
        await page.GetByTestId("node-selectTopK").ClickAsync();
        await Expect(page.GetByTestId("field-k").GetByLabel("k", new() { Exact = true })).ToHaveValueAsync("2");
        await Expect(page.GetByLabel("scores output")).ToHaveValueAsync("evolve.scores");

        var saved = JsonDocument.Parse(await serve.Client.GetStringAsync("/api/workflow-definitions/browser-funnel")).RootElement;
        Assert.True(saved.GetProperty("isPublished").GetBoolean());
        var activities = saved.GetProperty("root").GetProperty("activities").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!);
        Assert.Equal(["evolve", "selectTopK", "report"], activities.Keys);
        var select = activities["selectTopK"].GetProperty("inputs");
        Assert.Equal(2, select.GetProperty("k").GetInt32());
        Assert.Equal("overall", select.GetProperty("rule").GetString());
        Assert.Equal("evolve", select.GetProperty("scores").GetProperty("from").GetString());
        Assert.Equal("searches", activities["report"].GetProperty("inputs").GetProperty("searches").GetProperty("output").GetString());
        Assert.True(activities["report"].GetProperty("metadata").GetProperty("designer").GetProperty("position").GetProperty("x").GetDouble() > 0);
        var connections = saved.GetProperty("root").GetProperty("connections").EnumerateArray()
            .Select(c => $"{c.GetProperty("source").GetProperty("activity").GetString()}->{c.GetProperty("target").GetProperty("activity").GetString()}");
        Assert.Equal(["evolve->selectTopK", "selectTopK->report"], connections);
        Assert.True(browser.Errors.Count == 0, string.Join("\n", browser.Errors));
    }

    [Fact]
    public async Task CopyPasteUndoLayoutUnsavedWarningVersionsRollbackAndCodeViewWork()
    {
        var serve = shared.Serve;
        await serve.PublishAsync(TempWorkspace.TickerWorkflow("ticker", 2, 10));
        await using var browser = await BrowserPage.OpenAsync(chromium, serve.Client.BaseAddress!);
        var page = browser.Page;
        await page.GotoAsync("/designer/ticker");
        await Expect(page.GetByTestId("version-badge")).ToHaveTextAsync("version 1 (published)");
        var nodes = page.Locator(".react-flow__node");
        await Expect(nodes).ToHaveCountAsync(2);

        // Multi-select with Ctrl-click, copy and paste (the inner connection comes along), undo and redo.
        await page.GetByTestId("node-hello").ClickAsync();
        await page.GetByTestId("node-tick").ClickAsync(new() { Modifiers = [KeyboardModifier.Control] });
        await Expect(page.Locator(".react-flow__node.selected")).ToHaveCountAsync(2);
        await page.Keyboard.PressAsync("Control+c");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("2 activities copied");
        await page.Keyboard.PressAsync("Control+v");
        await Expect(nodes).ToHaveCountAsync(4);
        await Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(2);
        await page.Keyboard.PressAsync("Control+z");
        await Expect(nodes).ToHaveCountAsync(2);
        await page.Keyboard.PressAsync("Control+y");
        await Expect(nodes).ToHaveCountAsync(4);

        // Auto-layout leaves no two nodes overlapping (the pasted copies sat across the originals).
        await page.GetByRole(AriaRole.Button, new() { Name = "Auto-layout" }).ClickAsync();
        await page.WaitForFunctionAsync("""
            () => {
              const r = [...document.querySelectorAll('.react-flow__node')].map(n => n.getBoundingClientRect());
              return r.length === 4 && r.every((a, i) => r.every((b, j) => i === j || a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top));
            }
            """);

        // The code view shows the JSON being edited.
        await page.GetByRole(AriaRole.Button, new() { Name = "Code view" }).ClickAsync();
        var code = JsonDocument.Parse(await page.GetByLabel("definition JSON").TextContentAsync() ?? "").RootElement;
        Assert.Equal(4, code.GetProperty("root").GetProperty("activities").GetArrayLength());
        await page.GetByRole(AriaRole.Button, new() { Name = "Close code view" }).ClickAsync();
        await Expect(page.GetByLabel("definition JSON")).ToHaveCountAsync(0);

        // Leaving with unsaved changes asks first; declining stays.
        await Expect(page.GetByText("unsaved", new() { Exact = true })).ToBeVisibleAsync();
        string? asked = null;
        bool accept = false;
        page.Dialog += async (_, dialog) => { asked = dialog.Message; if (accept) await dialog.AcceptAsync(); else await dialog.DismissAsync(); };
        await page.GetByRole(AriaRole.Link, new() { Name = "Instances" }).ClickAsync();
        await Expect(page).ToHaveURLAsync("/designer/ticker");
        Assert.Equal("This definition has unsaved changes. Leave without saving?", asked);

        // A draft beside the published version; the old version opens read-only and rolls back: its content becomes
        // the draft (replacing the unpublished one, as every draft save does), the published version stays.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("draft saved as version 2");
        await Expect(page.GetByTestId("version-badge")).ToHaveTextAsync("version 2 (draft)");
        await Expect(page.GetByLabel("versions").Locator("option")).ToHaveCountAsync(2);
        await page.GetByLabel("versions").SelectOptionAsync("1");
        await Expect(page).ToHaveURLAsync("/designer/ticker?version=1");
        await Expect(page.GetByTestId("version-badge")).ToHaveTextAsync("version 1 (read-only)");
        await Expect(nodes).ToHaveCountAsync(2);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save draft" })).ToHaveCountAsync(0);
        accept = true;
        await page.GetByRole(AriaRole.Button, new() { Name = "Roll back to this version" }).ClickAsync();
        await Expect(page).ToHaveURLAsync("/designer/ticker");
        await Expect(page.GetByTestId("version-badge")).ToHaveTextAsync("version 2 (draft)");
        await Expect(nodes).ToHaveCountAsync(2);
        await Expect(page.GetByText("unsaved", new() { Exact = true })).ToHaveCountAsync(0);
        Assert.StartsWith("Make version 1 the new draft?", asked);

        var versions = JsonDocument.Parse(await serve.Client.GetStringAsync("/api/workflow-definitions/ticker/versions")).RootElement;
        var published = versions.EnumerateArray().Where(v => v.GetProperty("isPublished").GetBoolean()).Select(v => v.GetProperty("version").GetInt32());
        Assert.Equal([1], published);
        Assert.Equal(2, versions.GetArrayLength());
        var draft = JsonDocument.Parse(await serve.Client.GetStringAsync("/api/workflow-definitions/ticker?version=2")).RootElement;
        Assert.Equal(["hello", "tick"], draft.GetProperty("root").GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.True(browser.Errors.Count == 0, string.Join("\n", browser.Errors));
    }

    /// <summary>The activities of a definition's root without their <c>metadata</c> (where the designer keeps positions), and its connections.</summary>
    private static JsonNode Graph(JsonNode definition)
    {
        var root = definition["root"]!.DeepClone();
        foreach (var activity in root["activities"]!.AsArray()) activity!.AsObject().Remove("metadata");
        return root;
    }

    /// <summary>
    /// Clicks the middle of the only connection, as a user clicks the line. Two nodes side by side make it straight and
    /// level: its box has no height, which Playwright's own click reads as "not visible".
    /// </summary>
    private static async Task ClickConnectionAsync(IPage page)
    {
        var middle = await page.Locator(".react-flow__edge-path").EvaluateAsync<float[]>(
            "p => { const r = p.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }");
        await page.Mouse.ClickAsync(middle[0], middle[1]);
    }

    private static void AssertJsonEqual(JsonNode? expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected\n{expected?.ToJsonString()}\nbut got\n{actual?.ToJsonString()}");

    [Fact]
    public async Task PaletteSearchDeletingAConnectionBackButtonGuardAndJsonExportImportRoundTrip()
    {
        var serve = shared.Serve;
        await serve.PublishAsync(TempWorkspace.TickerWorkflow("exported", 2, 10));
        var published = JsonNode.Parse(await serve.Client.GetStringAsync("/api/workflow-definitions/exported"))!;
        var descriptors = JsonNode.Parse(await serve.Client.GetStringAsync("/api/descriptors/activities"))!.AsArray();
        await using var browser = await BrowserPage.OpenAsync(chromium, serve.Client.BaseAddress!);
        var page = browser.Page;
        // Into the designer through the app's own links, so that the browser's Back stays inside the app.
        await page.GotoAsync("/designer");
        await page.GetByRole(AriaRole.Link, new() { Name = "exported", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("version-badge")).ToHaveTextAsync("version 1 (published)");

        // The palette search keeps the activities whose name, type, description or category has the text; each shows its description as the tooltip.
        var items = page.Locator(".palette-item");
        await Expect(items).ToHaveCountAsync(descriptors.Count);
        await page.GetByLabel("search activities").FillAsync("ticker");
        var matching = descriptors.Where(d => new[] { "displayName", "type", "description", "category" }
            .Any(f => d![f]!.GetValue<string>().Contains("ticker", StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.InRange(matching.Count, 1, descriptors.Count - 1);
        await Expect(items).ToHaveCountAsync(matching.Count);
        foreach (var d in matching)
            await Expect(page.GetByTestId($"palette-{d!["type"]}")).ToHaveAttributeAsync("title", d["description"]!.GetValue<string>());
        await page.GetByLabel("search activities").FillAsync("");
        await Expect(items).ToHaveCountAsync(descriptors.Count);

        // Export: the file is the definition the REST API holds (the designer adds only the node positions).
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export JSON" }).ClickAsync());
        Assert.Equal("exported.json", download.SuggestedFilename);
        string exportedFile = Path.Combine(shared.Workspace.Root, "exported.json");
        await download.SaveAsAsync(exportedFile);
        var exported = JsonNode.Parse(await File.ReadAllTextAsync(exportedFile))!;
        Assert.Equal("exported", exported["definitionId"]!.GetValue<string>());
        Assert.Equal(published["name"]!.GetValue<string>(), exported["name"]!.GetValue<string>());
        AssertJsonEqual(Graph(published), Graph(exported));
        Assert.All(exported["root"]!["activities"]!.AsArray(), a => Assert.NotNull(a!["metadata"]!["designer"]!["position"]));

        // A connection deleted with the mouse (click it, "Delete selected"), undone, then deleted with the keyboard.
        var edges = page.Locator(".react-flow__edge");
        await Expect(edges).ToHaveCountAsync(1);
        await ClickConnectionAsync(page);
        await Expect(page.Locator(".react-flow__edge.selected")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete selected" }).ClickAsync();
        await Expect(edges).ToHaveCountAsync(0);
        await Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(2);
        await page.Keyboard.PressAsync("Control+z");
        await Expect(edges).ToHaveCountAsync(1);
        await ClickConnectionAsync(page);
        await Expect(page.Locator(".react-flow__edge.selected")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Delete");
        await Expect(edges).ToHaveCountAsync(0);
        await Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(2);

        // The browser's Back with unsaved changes asks first; declined, the designer stays with the edit.
        await Expect(page.GetByText("unsaved", new() { Exact = true })).ToBeVisibleAsync();
        var asked = new List<string>();
        page.Dialog += async (_, dialog) => { asked.Add(dialog.Message); await dialog.DismissAsync(); };
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync("/designer/exported");
        Assert.Equal(["This definition has unsaved changes. Leave without saving?"], asked);
        await Expect(page.GetByText("unsaved", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(edges).ToHaveCountAsync(0);

        // Import the exported file: the graph is back; saved as a draft, the REST API returns exactly the file's graph.
        await page.GetByLabel("import file").SetInputFilesAsync(exportedFile);
        await Expect(edges).ToHaveCountAsync(1);
        await Expect(page.GetByText("unsaved", new() { Exact = true })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("draft saved as version 2");
        var draft = JsonNode.Parse(await serve.Client.GetStringAsync("/api/workflow-definitions/exported?version=2"))!;
        AssertJsonEqual(exported["root"], draft["root"]);
        Assert.Equal(exported["name"]!.GetValue<string>(), draft["name"]!.GetValue<string>());

        // Saved, Back leaves without asking.
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync("/designer");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Definitions" })).ToBeVisibleAsync();
        Assert.Single(asked);
        Assert.True(browser.Errors.Count == 0, string.Join("\n", browser.Errors));
    }
}
