using LossSearch.Workflows.Persistence;
using LossSearch.Workflows.Runtime;
using LossSearch.Workflows.Tests.Support;

namespace LossSearch.Workflows.Tests.Runtime;

public class DurabilityTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private readonly EngineFixture _fixture = new();

    private static async Task WaitUntil(WorkflowEngine engine, string id, Func<Instances.InstanceView, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition((await engine.Instances.GetAsync(id, timeout.Token))!)) await Task.Delay(Poll, timeout.Token);
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task ShutdownMidActivityIsRecoveredFromTheCheckpointOnNextStart(string store)
    {
        _fixture.Use(store);
        string id;
        await using (var first = await _fixture.StartAsync())
        {
            id = await first.TriggerAsync(EngineFixture.Parse(Support.Workflows.SingleTicker("ticker", ticks: 30, intervalMs: 50)));
            await WaitUntil(first, id, v => v.Activities[0].Progress >= 0.2);
        }
        await using var second = await _fixture.StartAsync();
        var view = await second.WaitAsync(id, Poll);

        Assert.Equal("Finished", view.SubStatus);
        var ticker = view.Activities[0];
        Assert.Equal(2, ticker.Attempt);
        Assert.Equal(30, ticker.Outputs!.Value.GetProperty("counted").GetInt32());
        Assert.InRange(ticker.Outputs!.Value.GetProperty("startedFrom").GetInt32(), 6, 29);
        Assert.Single(view.Journal, j => j.Event == JournalEvents.ActivityRecovered);
        Assert.Single(view.Journal, j => j.Event == JournalEvents.ActivityCompleted);
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task RecoveryAfterAnOutageLongerThanTheStallThresholdIsNotAStall(string store)
    {
        _fixture.Use(store);
        string id;
        await using (var first = await _fixture.StartAsync())
        {
            id = await first.TriggerAsync(EngineFixture.Parse(Support.Workflows.SingleTicker("outage", ticks: 10, intervalMs: 50)));
            await WaitUntil(first, id, v => v.Activities[0].Progress >= 0.2);
        }
        await Task.Delay(_fixture.Options.StallThreshold + TimeSpan.FromSeconds(1));
        await using var second = await _fixture.StartAsync();
        var view = await second.WaitAsync(id, Poll);
        Assert.Equal("Finished", view.SubStatus);
        Assert.DoesNotContain(view.Journal, j => j.Event == JournalEvents.ActivityStalled);
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task SilentActivityIsMarkedStalledAndResumeContinuesFromItsCheckpoint(string store)
    {
        _fixture.Use(store);
        await using var engine = await _fixture.StartAsync();
        string id = await engine.TriggerAsync(EngineFixture.Parse(Support.Workflows.SingleTicker("hang", ticks: 5, intervalMs: 20, hangAfter: 2)));
        await WaitUntil(engine, id, v => v.SubStatus == "Stalled");
        var stalled = (await engine.Instances.GetAsync(id))!;
        Assert.Equal(("Running", "Stalled"), (stalled.Status, stalled.Activities[0].Status));

        Assert.Equal(ControlOutcome.Done, await engine.ResumeAsync(id));
        var view = await engine.WaitAsync(id, Poll);
        Assert.Equal("Finished", view.SubStatus);
        Assert.Equal(2, view.Activities[0].Outputs!.Value.GetProperty("startedFrom").GetInt32());
        Assert.Single(view.Journal, j => j.Event == JournalEvents.ActivityStalled);
        Assert.Single(view.Journal, j => j.Event == JournalEvents.ActivityCompleted);
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task CancelStopsCooperativelyKeepsTheCheckpointAndOnlyOneConcurrentResumeWins(string store)
    {
        _fixture.Use(store);
        await using var engine = await _fixture.StartAsync();
        string id = await engine.TriggerAsync(EngineFixture.Parse(Support.Workflows.SingleTicker("long", ticks: 20, intervalMs: 50)));
        await WaitUntil(engine, id, v => v.Activities[0].Progress >= 0.15);
        Assert.Equal(ControlOutcome.Done, await engine.CancelAsync(id));
        await WaitUntil(engine, id, v => v.Activities[0].Status == "Cancelled");
        var cancelled = (await engine.Instances.GetAsync(id))!;
        Assert.Equal(("Finished", "Cancelled"), (cancelled.Status, cancelled.SubStatus));
        Assert.True(File.Exists(Path.Combine(cancelled.Activities[0].Checkpoint, "ticks.txt")));
        Assert.Single(cancelled.Journal, j => j.Event == JournalEvents.ActivityCancelled);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => engine.ResumeAsync(id))));
        Assert.Single(outcomes, o => o == ControlOutcome.Done);
        Assert.All(outcomes.Where(o => o != ControlOutcome.Done), o => Assert.Equal(ControlOutcome.Conflict, o));

        var view = await engine.WaitAsync(id, Poll);
        Assert.Equal("Finished", view.SubStatus);
        Assert.True(view.Activities[0].Outputs!.Value.GetProperty("startedFrom").GetInt32() >= 3);
        Assert.Single(view.Journal, j => j.Event == JournalEvents.InstanceResumed);
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task ACancelWrittenOnlyToTheStoreStopsTheActivityAtItsNextHeartbeat(string store)
    {
        _fixture.Use(store);
        await using var engine = await _fixture.StartAsync();
        string id = await engine.TriggerAsync(EngineFixture.Parse(Support.Workflows.SingleTicker("remote", ticks: 100, intervalMs: 50)));
        await WaitUntil(engine, id, v => v.Activities[0].Progress >= 0.05);
        // What `losssearch instances cancel` does beside a server: no interrupt, only the store.
        Assert.Equal(ControlOutcome.Done, await engine.Store.CancelAsync(id));
        await WaitUntil(engine, id, v => v.Activities[0].Status == "Cancelled");
        var view = (await engine.Instances.GetAsync(id))!;
        Assert.True(view.Activities[0].Progress < 1);
        Assert.Single(view.Journal, j => j.Event == JournalEvents.ActivityCancelled);
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task AnActivityTypeMissingAfterRestartFaultsWithAnIncident(string store)
    {
        _fixture.Use(store);
        const string tickThenTally = """
        {
          "definitionId": "missing-type",
          "root": {
            "activities": [
              { "id": "tick", "type": "Ticker", "inputs": { "ticks": 10, "intervalMs": 50 } },
              { "id": "tally", "type": "Tally", "inputs": { "label": "n", "count": { "from": "tick", "output": "counted" } } }
            ],
            "connections": [ { "source": { "activity": "tick" }, "target": { "activity": "tally" } } ]
          }
        }
        """;
        string id;
        await using (var first = await _fixture.StartAsync())
        {
            id = await first.TriggerAsync(EngineFixture.Parse(tickThenTally));
            await WaitUntil(first, id, v => v.Activities[0].Progress >= 0.2);
        }
        await using var builtInsOnly = await WorkflowEngine.StartAsync(_fixture.Options, Activities.ActivityRegistry.WithBuiltIns(), new Serilog.LoggerConfiguration().CreateLogger());
        var view = await builtInsOnly.WaitAsync(id, Poll);
        Assert.Equal("Faulted", view.SubStatus);
        Assert.Equal("Completed", view.Activities[0].Status);
        var incident = Assert.Single(view.Incidents);
        Assert.Equal("tally", incident.ActivityId);
        Assert.Contains("'Tally' is not registered", incident.Message);
    }

    public void Dispose() => _fixture.Dispose();
}
