using LossSearch.Workflows.Tests.Support;

namespace LossSearch.Workflows.Tests.Definitions;

/// <summary>Importing <c>workflows/*.json</c> at start: new versions only for changed files, and a person's draft is never lost.</summary>
public class DefinitionImportTests : IDisposable
{
    private readonly EngineFixture _fixture = new();

    private string Folder => Path.Combine(_fixture.Root, "workflows");

    private void WriteFile(string text)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, "echo.json"), Support.Workflows.Single("echo", "Echo", $$"""{ "text": "{{text}}" }"""));
    }

    private static string Text(LossSearch.Workflows.Definitions.WorkflowDefinition d) => d.Root.Activities[0].Inputs["text"].GetString()!;

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task AnUnchangedFilePublishesNothingEvenAfterAPersonPublishedANewerVersion(string store)
    {
        var options = _fixture.Use(store) with { DefinitionsDirectory = Folder };
        WriteFile("from file");
        await using (var first = await _fixture.StartAsync(options))
        {
            Assert.Equal(1, (await first.Definitions.GetPublishedAsync("echo"))!.Version);
            await first.Definitions.SaveDraftAsync(EngineFixture.Parse(Support.Workflows.Single("echo", "Echo", """{ "text": "edited" }""")));
            await first.Definitions.PublishAsync("echo");
        }
        await using var second = await _fixture.StartAsync(options);
        var versions = await second.Definitions.ListVersionsAsync("echo");
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.Equal("edited", Text((await second.Definitions.GetPublishedAsync("echo"))!));
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task AChangedFileIsPublishedUnderAPersonsDraftWhichIsKeptAsTheLatest(string store)
    {
        var options = _fixture.Use(store) with { DefinitionsDirectory = Folder };
        WriteFile("v1");
        await using (var first = await _fixture.StartAsync(options))
            await first.Definitions.SaveDraftAsync(EngineFixture.Parse(Support.Workflows.Single("echo", "Echo", """{ "text": "my draft" }""")));
        WriteFile("v2");
        await using var second = await _fixture.StartAsync(options);

        var published = (await second.Definitions.GetPublishedAsync("echo"))!;
        Assert.Equal((2, "v2"), (published.Version, Text(published)));
        var latest = (await second.Definitions.GetAsync("echo"))!;
        Assert.Equal((3, false, "my draft"), (latest.Version, latest.IsPublished, Text(latest)));
        Assert.Equal([3, 2, 1], (await second.Definitions.ListVersionsAsync("echo")).Select(v => v.Version));
        // The draft is still the one a save overwrites, and publishing it makes it the next version.
        await second.Definitions.SaveDraftAsync(EngineFixture.Parse(Support.Workflows.Single("echo", "Echo", """{ "text": "my draft, later" }""")));
        var mine = (await second.Definitions.PublishAsync("echo"))!;
        Assert.Equal((3, "my draft, later"), (mine.Version, Text(mine)));
    }

    public void Dispose() => _fixture.Dispose();
}
