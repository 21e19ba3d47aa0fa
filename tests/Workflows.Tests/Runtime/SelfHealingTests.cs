using LossSearch.Workflows.Instances;
using LossSearch.Workflows.Persistence;
using LossSearch.Workflows.Runtime;
using LossSearch.Workflows.Tests.Support;

namespace LossSearch.Workflows.Tests.Runtime;

/// <summary>
/// The engine heals what a crash or a fault leaves behind, and its chores (stall watch, dispatcher)
/// keep running however much ready work fills the thread pool.
/// </summary>
public class SelfHealingTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private readonly EngineFixture _fixture = new();

    private const string FirstThenSecond = """
    {
      "definitionId": "first-then-second",
      "root": {
        "activities": [
          { "id": "first", "type": "Echo", "inputs": { "text": "a" } },
          { "id": "second", "type": "Echo", "inputs": { "text": { "from": "first", "output": "result" } } }
        ],
        "connections": [ { "source": { "activity": "first" }, "target": { "activity": "second" } } ]
      }
    }
    """;

    private static async Task<InstanceView> WaitUntil(WorkflowEngine engine, string id, Func<InstanceView, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var view = (await engine.Instances.GetAsync(id, timeout.Token))!;
            if (condition(view)) return view;
            await Task.Delay(Poll, timeout.Token);
        }
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task RecoveredActivitiesWaitingForAThreadLongerThanTheStallThresholdAreNotStalls(string store)
    {
        _fixture.Use(store);
        var ids = new List<string>();
        await using (var first = await _fixture.StartAsync(_fixture.Options with { MaxConcurrency = 2 }))
        {
            foreach (var name in new[] { "outage-a", "outage-b" })
                ids.Add(await first.TriggerAsync(EngineFixture.Parse(Support.Workflows.SingleTicker(name, ticks: 80, intervalMs: 50))));
            foreach (var id in ids) await WaitUntil(first, id, v => v.Activities[0].Progress >= 0.05);
        }
        await Task.Delay(_fixture.Options.StallThreshold + TimeSpan.FromSeconds(1));
        // One thread: one recovered ticker runs for seconds while the other waits for it, silent since before the outage.
        await using var second = await _fixture.StartAsync(_fixture.Options with { MaxConcurrency = 1 });
        foreach (var id in ids)
        {
            var view = await second.WaitAsync(id, Poll);
            Assert.Equal("Finished", view.SubStatus);
            Assert.DoesNotContain(view.Journal, j => j.Event == JournalEvents.ActivityStalled);
            Assert.Single(view.Journal, j => j.Event == JournalEvents.ActivityRecovered);
        }
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task ASilentActivityHoldingEveryThreadIsStalledWhileReadyWorkWaits(string store)
    {
        _fixture.Use(store);
        await using var engine = await _fixture.StartAsync(_fixture.Options with { MaxConcurrency = 1 });
        string hung = await engine.TriggerAsync(EngineFixture.Parse(Support.Workflows.SingleTicker("hung", ticks: 5, intervalMs: 20, hangAfter: 1)));
        await WaitUntil(engine, hung, v => v.Activities[0].Status == "Running");
        string waiting = await engine.TriggerAsync(EngineFixture.Parse(Support.Workflows.SingleTicker("waiting", ticks: 100, intervalMs: 50)));

        await WaitUntil(engine, hung, v => v.SubStatus == "Stalled");
        Assert.NotEqual("Finished", (await engine.Instances.GetAsync(waiting))!.SubStatus);
        Assert.Equal(ControlOutcome.Done, await engine.CancelAsync(waiting));
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task SuccessorsThatFailedToQueueAreQueuedByTheDispatcherWhileEveryThreadIsBusy(string store)
    {
        _fixture.Use(store);
        await using var engine = await _fixture.StartAsync(_fixture.Options with { MaxConcurrency = 1 });
        string id, busy;
        await using (await QuartzFault.RejectJobsEndingWithAsync(_fixture.Options.Store, "/second"))
        {
            id = await engine.TriggerAsync(EngineFixture.Parse(FirstThenSecond));
            var stranded = await WaitUntil(engine, id, v => v.Activities.Any(a => a.ActivityId == "first" && a.Status == "Completed"));
            Assert.Equal("Executing", stranded.SubStatus);
            // The only thread is taken before the fault is lifted: the dispatcher can only succeed while it is busy.
            busy = await engine.TriggerAsync(EngineFixture.Parse(Support.Workflows.SingleTicker("busy", ticks: 100, intervalMs: 50)));
            await WaitUntil(engine, busy, v => v.Activities[0].Status == "Running");
        }

        await WaitUntil(engine, id, v => v.Journal.Any(j => j.Event == JournalEvents.ActivityRequeued && j.ActivityId == "second"));
        Assert.Equal("Running", (await engine.Instances.GetAsync(busy))!.Activities[0].Status);
        Assert.Equal(ControlOutcome.Done, await engine.CancelAsync(busy));
        var view = await engine.WaitAsync(id, Poll);
        Assert.Equal("Finished", view.SubStatus);
        Assert.Equal("a", view.Activities.Single(a => a.ActivityId == "second").Outputs!.Value.GetProperty("result").GetString());
    }

    public void Dispose() => _fixture.Dispose();
}
