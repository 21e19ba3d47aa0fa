using LossSearch.Workflows.Instances;
using LossSearch.Workflows.Persistence;
using LossSearch.Workflows.Runtime;
using LossSearch.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LossSearch.Workflows.Tests.Runtime;

/// <summary>A fan-out activity's work items: one Quartz job each, gathered in a fixed order, resumed and recovered one by one.</summary>
public class FanOutTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private readonly EngineFixture _fixture = new();

    private static string Grid(string id, int items, int ticks, int intervalMs) => $$"""
    { "definitionId": "{{id}}", "root": { "activities": [ { "id": "grid", "type": "TickerGrid", "inputs": { "items": {{items}}, "ticks": {{ticks}}, "intervalMs": {{intervalMs}} } } ] } }
    """;

    private WorkflowEngineOptions Slots(int gpu) => _fixture.Options with { ExecutionGroupLimits = new Dictionary<string, int> { ["gpu"] = gpu } };

    private static async Task WaitUntil(WorkflowEngine engine, string id, Func<InstanceView, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!condition((await engine.Instances.GetAsync(id, timeout.Token))!)) await Task.Delay(Poll, timeout.Token);
    }

    private static int Count(InstanceView view, string @event, string? detailStart = null) =>
        view.Journal.Count(j => j.Event == @event && (detailStart is null || (j.Detail ?? "").StartsWith(detailStart, StringComparison.Ordinal)));

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task EveryWorkItemRunsOnceAndTheOutputsAreGatheredInItemOrder(string store)
    {
        _fixture.Use(store);
        await using var engine = await _fixture.StartAsync(Slots(2));
        string id = await engine.TriggerAsync(EngineFixture.Parse(Grid("fan", items: 5, ticks: 3, intervalMs: 10)));
        var view = await engine.WaitAsync(id, Poll);
        Assert.Equal("Finished", view.SubStatus);
        var outputs = view.Activities[0].Outputs!.Value;
        Assert.Equal([3, 3, 3, 3, 3], outputs.GetProperty("counted").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(5, Count(view, JournalEvents.WorkItemCompleted));
        Assert.Equal(5, Count(view, JournalEvents.WorkItemStarted));
        Assert.Single(view.Journal, j => j.Event == JournalEvents.ActivityCompleted);
        for (int i = 0; i < 5; i++) Assert.True(File.Exists(Path.Combine(view.Activities[0].Checkpoint, $"item-{i}", "ticks.txt")));
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task CancelDuringFanOutStopsTheItemsAndResumeRequeuesOnlyTheUnfinished(string store)
    {
        _fixture.Use(store);
        await using var engine = await _fixture.StartAsync(Slots(1));
        string id = await engine.TriggerAsync(EngineFixture.Parse(Grid("fan-cancel", items: 3, ticks: 8, intervalMs: 40)));
        // Item 0 done and item 1 past its first checkpointed tick.
        await WaitUntil(engine, id, v => Count(v, JournalEvents.WorkItemCompleted) >= 1 && File.Exists(Path.Combine(v.Activities[0].Checkpoint, "item-1", "ticks.txt")));
        Assert.Equal(ControlOutcome.Done, await engine.CancelAsync(id));
        await WaitUntil(engine, id, v => Count(v, JournalEvents.WorkItemCancelled) >= 1);
        var cancelled = (await engine.Instances.GetAsync(id))!;
        Assert.Equal(("Cancelled", "Cancelled"), (cancelled.SubStatus, cancelled.Activities[0].Status));

        Assert.Equal(ControlOutcome.Done, await engine.ResumeAsync(id));
        var view = await engine.WaitAsync(id, Poll);
        Assert.Equal("Finished", view.SubStatus);
        var outputs = view.Activities[0].Outputs!.Value;
        Assert.Equal([8, 8, 8], outputs.GetProperty("counted").EnumerateArray().Select(e => e.GetInt32()));
        // Item 0 finished before the cancel: started once, never re-queued. Item 1 was cut off and continued from its checkpoint.
        Assert.Equal(1, Count(view, JournalEvents.WorkItemStarted, "#0 "));
        Assert.Equal(3, Count(view, JournalEvents.WorkItemCompleted));
        Assert.InRange(outputs.GetProperty("startedFrom")[1].GetInt32(), 1, 7);
        Assert.Contains(view.Journal, j => j.Event == JournalEvents.WorkItemsQueued && j.Detail!.StartsWith("2 of 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoNodesShareTheItemsAndAStoppedNodesItemIsRecoveredByTheOtherFromItsCheckpoint()
    {
        _fixture.Use(Stores.PostgreSql);
        var first = await _fixture.StartAsync(Slots(1));
        string id = await first.TriggerAsync(EngineFixture.Parse(Grid("fan-failover", items: 4, ticks: 10, intervalMs: 60)));
        await WaitUntil(first, id, v => Count(v, JournalEvents.WorkItemCompleted) >= 1);
        await using var second = await _fixture.StartAsync(Slots(1));
        // Both nodes busy, then the first stops in the middle of its item (its firing goes back to the cluster).
        await WaitUntil(second, id, v => Count(v, JournalEvents.WorkItemStarted) >= 3);
        await first.DisposeAsync();

        var view = await second.WaitAsync(id, Poll);
        Assert.Equal("Finished", view.SubStatus);
        var outputs = view.Activities[0].Outputs!.Value;
        Assert.Equal([10, 10, 10, 10], outputs.GetProperty("counted").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(4, Count(view, JournalEvents.WorkItemCompleted));
        var recovered = Assert.Single(view.Journal, j => j.Event == JournalEvents.WorkItemRecovered);
        int index = int.Parse(recovered.Detail!.TrimStart('#').Split(' ')[0]);
        Assert.InRange(outputs.GetProperty("startedFrom")[index].GetInt32(), 1, 9);
        await using var db = new StoreContextFactory(_fixture.Options.Store).Create();
        var nodes = await db.WorkItems.Where(w => w.InstanceId == id).Select(w => w.Node).Distinct().CountAsync();
        Assert.Equal(2, nodes);
    }

    [Fact]
    public async Task ACoordinatorWithNoGpuSlotsRunsNoWorkItemWhileAWorkerRunsThemAll()
    {
        _fixture.Use(Stores.PostgreSql);
        await using var coordinator = await _fixture.StartAsync(Slots(0));
        await using var worker = await _fixture.StartAsync(Slots(1));
        string id = await coordinator.TriggerAsync(EngineFixture.Parse(Grid("fan-coordinator", items: 3, ticks: 3, intervalMs: 20)));

        var view = await coordinator.WaitAsync(id, Poll);
        Assert.Equal("Finished", view.SubStatus);
        Assert.Equal(3, Count(view, JournalEvents.WorkItemCompleted));
        await using var db = new StoreContextFactory(_fixture.Options.Store).Create();
        var nodes = await db.WorkItems.Where(w => w.InstanceId == id).Select(w => w.Node).Distinct().ToListAsync();
        Assert.Equal([worker.NodeId], nodes);
        Assert.NotEqual(coordinator.NodeId, worker.NodeId);
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task AWorkItemSilentLongerThanTheStallThresholdIsNotStalledWhileItRuns(string store)
    {
        _fixture.Use(store);
        await using var engine = await _fixture.StartAsync();
        int silentMs = (int)(_fixture.Options.StallThreshold * 2.5).TotalMilliseconds;
        string id = await engine.TriggerAsync(EngineFixture.Parse($$"""
            { "definitionId": "quiet", "root": { "activities": [ { "id": "grid", "type": "QuietGrid", "inputs": { "items": 2, "silentMs": {{silentMs}} } } ] } }
            """));

        var view = await engine.WaitAsync(id, Poll);
        Assert.Equal("Finished", view.SubStatus);
        Assert.DoesNotContain(view.Journal, j => j.Event == JournalEvents.ActivityStalled);
        Assert.Equal(2, Count(view, JournalEvents.WorkItemCompleted));
        Assert.Equal(1, Count(view, JournalEvents.WorkItemStarted, "#0 "));
    }

    public void Dispose() => _fixture.Dispose();
}
