using LossSearch.Workflows.Persistence;
using LossSearch.Workflows.Tests.Support;
using Microsoft.Data.Sqlite;

namespace LossSearch.Workflows.Tests.Runtime;

/// <summary>A project folder that moves, or is reached through a symbolic link, keeps its runs and its one-engine rule.</summary>
public class ProjectFolderTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private readonly string _parent = Path.Combine(Path.GetTempPath(), "losssearch-folder-tests", Guid.NewGuid().ToString("N"));

    private static WorkflowEngineOptions In(string folder, EngineFixture fixture) => fixture.Options with
    {
        Store = StoreLocation.Sqlite(Path.Combine(folder, "losssearch.db")),
        ArtifactsDirectory = Path.Combine(folder, "artifacts"),
    };

    [Fact]
    public async Task AnInstanceInterruptedAndThenMovedWithItsFolderContinuesFromItsCheckpointInTheNewFolder()
    {
        using var fixture = new EngineFixture();
        string before = Path.Combine(_parent, "project"), after = Path.Combine(_parent, "renamed");
        string id;
        await using (var first = await fixture.StartAsync(In(before, fixture)))
        {
            id = await first.TriggerAsync(EngineFixture.Parse(Support.Workflows.SingleTicker("moved", ticks: 30, intervalMs: 50)));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while ((await first.Instances.GetAsync(id, timeout.Token))!.Activities[0].Progress < 0.2) await Task.Delay(Poll, timeout.Token);
        }
        SqliteConnection.ClearAllPools();
        Directory.Move(before, after);

        await using var second = await fixture.StartAsync(In(after, fixture));
        var view = await second.WaitAsync(id, Poll);
        Assert.Equal("Finished", view.SubStatus);
        Assert.InRange(view.Activities[0].Outputs!.Value.GetProperty("startedFrom").GetInt32(), 6, 29);
        Assert.Equal(Path.Combine(after, "artifacts", id, "tick"), view.Activities[0].Checkpoint);
        Assert.True(File.Exists(Path.Combine(after, "artifacts", id, "tick", "ticks.txt")));
        Assert.False(Directory.Exists(before), "nothing may be written into the old folder");
    }

    [Fact]
    public async Task AnEngineReachedThroughASymbolicLinkToTheDatabaseOrItsFolderIsRefused()
    {
        using var fixture = new EngineFixture();
        string real = Path.Combine(_parent, "real");
        Directory.CreateDirectory(real);
        await using var first = await fixture.StartAsync(In(real, fixture));

        string linkedFile = Path.Combine(_parent, "elsewhere", "losssearch.db");
        Directory.CreateDirectory(Path.GetDirectoryName(linkedFile)!);
        File.CreateSymbolicLink(linkedFile, Path.Combine(real, "losssearch.db"));
        var throughFile = fixture.Options with { Store = StoreLocation.Sqlite(linkedFile), ArtifactsDirectory = Path.Combine(real, "artifacts") };
        var refused = await Assert.ThrowsAsync<WorkflowConflictException>(() => fixture.StartAsync(throughFile));
        Assert.Contains("in use by another engine", refused.Message);

        string linkedFolder = Path.Combine(_parent, "alias");
        Directory.CreateSymbolicLink(linkedFolder, real);
        await Assert.ThrowsAsync<WorkflowConflictException>(() => fixture.StartAsync(In(linkedFolder, fixture)));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_parent, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
