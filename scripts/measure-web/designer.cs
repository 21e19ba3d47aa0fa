#:package Microsoft.Playwright
// Times the designer in Debian's Chromium (headless, as the browser tests run it) on a definition that
// scripts/measure-web.sh has saved: navigation start → all of its nodes on the canvas, and a click on
// "Auto-layout" → the next painted frame. Prints one JSON line per run; usage: designer.cs URL DEFINITION NODES RUNS.
using System.Text.Json;
using Microsoft.Playwright;

string url = args[0], definition = args[1];
int nodes = int.Parse(args[2]), runs = int.Parse(args[3]);
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium", Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
for (int run = 1; run <= runs; run++)
{
    await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = url, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
    var page = await context.NewPageAsync();
    // Notes the moment the canvas first holds every node (performance.now() counts from navigation start).
    await page.AddInitScriptAsync($$"""
        new MutationObserver((_, observer) => {
          if (document.querySelectorAll('.react-flow__node').length >= {{nodes}}) { window.__allNodesAt = performance.now(); observer.disconnect(); }
        }).observe(document, { childList: true, subtree: true });
        """);
    await page.GotoAsync($"/designer/{definition}");
    await page.WaitForFunctionAsync("() => window.__allNodesAt !== undefined", null, new() { Timeout = 120_000 });
    double render = await page.EvaluateAsync<double>("() => window.__allNodesAt");
    double layout = await page.EvaluateAsync<double>("""
        async () => {
          const button = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Auto-layout');
          const before = document.querySelector('.react-flow__node').style.transform;
          const t0 = performance.now();
          button.click();
          await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
          const moved = document.querySelector('.react-flow__node').style.transform !== before;
          return moved ? performance.now() - t0 : -1;
        }
        """);
    Console.WriteLine(JsonSerializer.Serialize(new { run, nodes, renderMs = Math.Round(render, 1), autoLayoutMs = Math.Round(layout, 1) }));
}
