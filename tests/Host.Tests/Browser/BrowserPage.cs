using Microsoft.Playwright;

namespace LossSearch.Host.Tests.Browser;

/// <summary>A fresh browser context on one server; screenshots go to TestResults/browser/ beside the solution.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private static readonly string ScreenshotFolder = Path.Combine(Funnel.RepositoryFiles.Root, "TestResults", "browser");

    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    private BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        // Failures inside the page (an exception, a refused script) would otherwise only show as a missing element.
        page.PageError += (_, error) => _errors.Add(error);
        // Chromium also logs every 4xx answer as a console error; the pages expect some (a new definition is a 404), so
        // those are left out and server failures (5xx) are caught from the responses instead.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) _errors.Add($"{message.Text} ({message.Location})");
        };
        page.Response += (_, response) => { if (response.Status >= 500) _errors.Add($"{response.Status} from {response.Url}"); };
    }

    public IPage Page { get; }

    /// <summary>What went wrong in the page so far: script exceptions, console errors and server errors.</summary>
    public IReadOnlyList<string> Errors => _errors;

    public static async Task<BrowserPage> OpenAsync(Chromium chromium, Uri server)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        return new BrowserPage(context, await context.NewPageAsync());
    }

    /// <summary>
    /// Fails unless <paramref name="element"/> lies wholly inside the window and inside <paramref name="container"/>
    /// (a box that may clip and scroll it): seen as the page opens, without scrolling either.
    /// </summary>
    public async Task AssertShownWithoutScrollingAsync(ILocator element, ILocator container)
    {
        var box = await element.BoundingBoxAsync() ?? throw new InvalidOperationException("the element is not rendered");
        var clip = await container.BoundingBoxAsync() ?? throw new InvalidOperationException("the container is not rendered");
        var window = Page.ViewportSize!;
        static bool Inside(LocatorBoundingBoxResult b, float left, float top, float right, float bottom) =>
            b.X >= left && b.Y >= top && b.X + b.Width <= right + 0.5f && b.Y + b.Height <= bottom + 0.5f;
        string where = $"element at ({box.X}, {box.Y}) {box.Width}x{box.Height}, container at ({clip.X}, {clip.Y}) {clip.Width}x{clip.Height}, window {window.Width}x{window.Height}";
        Assert.True(Inside(box, 0, 0, window.Width, window.Height), $"not inside the window: {where}");
        Assert.True(Inside(box, clip.X, clip.Y, clip.X + clip.Width, clip.Y + clip.Height), $"not inside its container: {where}");
    }

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
