using LossSearch.Workflows.Definitions;
using LossSearch.Workflows.Persistence;
using LossSearch.Workflows.Runtime;
using LossSearch.Workflows.Tests.Support;

namespace LossSearch.Workflows.Tests.Runtime;

public class EngineRunTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private readonly EngineFixture _fixture = new();

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task ForkJoinRunsToCompletionWithOutputsByReference(string store)
    {
        _fixture.Use(store);
        await using var engine = await _fixture.StartAsync();
        string id = await engine.TriggerAsync(EngineFixture.Parse(Support.Workflows.ForkJoin));
        var view = await engine.WaitAsync(id, Poll);

        Assert.Equal(("Finished", "Finished"), (view.Status, view.SubStatus));
        Assert.All(view.Activities, a => Assert.Equal("Completed", a.Status));
        var d = view.Activities.Single(a => a.ActivityId == "d");
        Assert.Equal("seed:3", d.Outputs!.Value.GetProperty("summary").GetString());
        // The join started only after both branches completed.
        int Index(string e, string a) => view.Journal.ToList().FindIndex(j => j.Event == e && j.ActivityId == a);
        Assert.True(Index(JournalEvents.ActivityStarted, "d") > Index(JournalEvents.ActivityCompleted, "b"));
        Assert.True(Index(JournalEvents.ActivityStarted, "d") > Index(JournalEvents.ActivityCompleted, "c"));
        Assert.Equal(4, view.Journal.Count(j => j.Event == JournalEvents.ActivityCompleted));
        Assert.True(File.Exists(Path.Combine(_fixture.Options.ArtifactsDirectory, id, "c", "ticks.txt")));
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task OverridesReplaceLiteralsAndBadOverridesCreateNothing(string store)
    {
        _fixture.Use(store);
        await using var engine = await _fixture.StartAsync();
        await engine.Definitions.ImportAsync(EngineFixture.Parse(Support.Workflows.ForkJoin));
        string id = await engine.TriggerAsync("fork-join", new InputOverrides().Set("a.text=hello").Set("c.ticks=2"));
        var view = await engine.WaitAsync(id, Poll);
        Assert.Equal("hello:2", view.Activities.Single(a => a.ActivityId == "d").Outputs!.Value.GetProperty("summary").GetString());

        var bad = await Assert.ThrowsAsync<WorkflowValidationException>(() => engine.TriggerAsync("fork-join", new InputOverrides().Set("c.ticks=lots")));
        Assert.Equal("--set c.ticks", bad.Errors[0].Path);
        await Assert.ThrowsAsync<WorkflowValidationException>(() => engine.TriggerAsync("fork-join", new InputOverrides().Set("zz.ticks=1")));
        Assert.Equal(1, (await engine.Instances.ListAsync(1, 10)).Total);
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task UnknownOrUnpublishedDefinitionIsRefused(string store)
    {
        _fixture.Use(store);
        await using var engine = await _fixture.StartAsync();
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => engine.TriggerAsync("nope"));
        await engine.Definitions.SaveDraftAsync(EngineFixture.Parse(Support.Workflows.ForkJoin));
        await Assert.ThrowsAsync<WorkflowConflictException>(() => engine.TriggerAsync("fork-join"));
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task RetryableActivityRetriesWithBackoffAndRecordsIncidents(string store)
    {
        _fixture.Use(store);
        await using var engine = await _fixture.StartAsync();
        string id = await engine.TriggerAsync(EngineFixture.Parse(Support.Workflows.Single("flaky", "Flaky", """{ "succeedOnAttempt": 3 }""")));
        var view = await engine.WaitAsync(id, Poll);
        Assert.Equal("Finished", view.SubStatus);
        Assert.Equal(3, view.Activities[0].Outputs!.Value.GetProperty("succeededOn").GetInt32());
        Assert.Equal([1, 2], view.Incidents.Select(i => i.Attempt));
        Assert.Equal(2, view.Journal.Count(j => j.Event == JournalEvents.ActivityRetryScheduled));
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task FaultCreatesIncidentAndFinishedInstanceCannotResume(string store)
    {
        _fixture.Use(store);
        await using var engine = await _fixture.StartAsync();
        string id = await engine.TriggerAsync(EngineFixture.Parse(Support.Workflows.Single("boom", "Boom")));
        var faulted = await engine.WaitAsync(id, Poll);
        Assert.Equal(("Finished", "Faulted"), (faulted.Status, faulted.SubStatus));
        var incident = Assert.Single(faulted.Incidents);
        Assert.Equal(("only", "System.ArithmeticException", "boom"), (incident.ActivityId, incident.ExceptionType, incident.Message));

        string ok = await engine.TriggerAsync(EngineFixture.Parse(Support.Workflows.Single("echo", "Echo", """{ "text": "x" }""")));
        Assert.Equal("Finished", (await engine.WaitAsync(ok, Poll)).SubStatus);
        Assert.Equal(ControlOutcome.Conflict, await engine.ResumeAsync(ok));
        Assert.Equal(ControlOutcome.Conflict, await engine.CancelAsync(ok));
        Assert.Equal(ControlOutcome.NotFound, await engine.ResumeAsync("no-such-instance"));
    }

    [Fact]
    public async Task ASecondEngineOnTheSameDatabaseIsRefusedUntilTheFirstStops()
    {
        await using (var first = await _fixture.StartAsync())
        {
            var refused = await Assert.ThrowsAsync<WorkflowConflictException>(() => _fixture.StartAsync());
            Assert.Contains(_fixture.Options.DatabasePath, refused.Message);
        }
        await using var second = await _fixture.StartAsync();
        Assert.Equal(0, (await second.Instances.ListAsync(1, 10)).Total);
    }

    public void Dispose() => _fixture.Dispose();
}
