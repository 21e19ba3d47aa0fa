using LossSearch.Workflows.Instances;
using LossSearch.Workflows.Persistence;
using LossSearch.Workflows.Runtime;
using LossSearch.Workflows.Tests.Support;

namespace LossSearch.Workflows.Tests.Runtime;

/// <summary>
/// Transitions raced on the store itself (no scheduler): each is a conditional update, so exactly one
/// of the racers wins on SQLite and on PostgreSQL's READ COMMITTED.
/// </summary>
public class ConcurrencyTests : IDisposable
{
    private readonly EngineFixture _fixture = new();

    private async Task<(WorkflowStore Store, LossSearch.Workflows.Definitions.WorkflowDefinition Definition, string InstanceId)> InstanceAsync(string store, string json)
    {
        _fixture.Use(store);
        var opened = await WorkflowStore.OpenAsync(_fixture.Options, EngineFixture.Registry());
        var definition = await opened.Definitions.ImportAsync(EngineFixture.Parse(json));
        string id = Guid.NewGuid().ToString("N");
        await opened.State.CreateInstanceAsync(id, definition, InputOverrides.None, CancellationToken.None);
        return (opened, definition, id);
    }

    private static async Task<AttemptClaim> BeginAsync(WorkflowStore store, string instanceId, string activityId) =>
        await store.State.BeginAttemptAsync(instanceId, activityId, recovering: false, CancellationToken.None) ?? throw new InvalidOperationException("not claimed");

    private static async Task<int> CountAsync(WorkflowStore store, string instanceId, string @event) =>
        (await store.Instances.GetAsync(instanceId))!.Journal.Count(j => j.Event == @event);

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task TwoRacingCompletionsOfOneAttemptApplyExactlyOnce(string store)
    {
        var (opened, definition, id) = await InstanceAsync(store, Support.Workflows.Single("once", "Echo", """{ "text": "x" }"""));
        var claim = await BeginAsync(opened, id, "only");
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(() =>
            opened.State.CompleteAsync(claim.Execution.Id, claim.Execution.Attempt, $$"""{ "result": "{{i}}" }""", definition, CancellationToken.None))));
        Assert.Single(results, r => r is not null);
        Assert.Equal(1, await CountAsync(opened, id, JournalEvents.ActivityCompleted));
        Assert.Equal(1, await CountAsync(opened, id, JournalEvents.InstanceFinished));
        Assert.Equal("Finished", (await opened.Instances.GetAsync(id))!.SubStatus);
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task RacingBeginsGetDistinctAttemptsAndOnlyTheLatestCanComplete(string store)
    {
        // A begin takes over a Running execution (that is how a recovered firing claims it), so racing
        // begins are ordered: each gets its own attempt number, and every earlier attempt is fenced off.
        var (opened, definition, id) = await InstanceAsync(store, Support.Workflows.Single("begin", "Echo", """{ "text": "x" }"""));
        var claims = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => opened.State.BeginAttemptAsync(id, "only", false, CancellationToken.None))));
        Assert.Equal([1, 2, 3], claims.Select(c => c!.Execution.Attempt).Order());
        var completions = await Task.WhenAll(claims.Select(c => opened.State.CompleteAsync(c!.Execution.Id, c.Execution.Attempt, """{ "result": "x" }""", definition, CancellationToken.None)));
        Assert.Single(completions, c => c is not null);
        Assert.NotNull(completions[Array.FindIndex(claims, c => c!.Execution.Attempt == 3)]);
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task TwoBranchesCompletingAtOnceQueueTheirJoinExactlyOnce(string store)
    {
        var (opened, definition, id) = await InstanceAsync(store, Support.Workflows.ForkJoin);
        var a = await BeginAsync(opened, id, "a");
        var ready = await opened.State.CompleteAsync(a.Execution.Id, a.Execution.Attempt, """{ "result": "seed" }""", definition, CancellationToken.None);
        Assert.Equal(["b", "c"], ready!.Ready.Order());
        var b = await BeginAsync(opened, id, "b");
        var c = await BeginAsync(opened, id, "c");
        var results = await Task.WhenAll(
            Task.Run(() => opened.State.CompleteAsync(b.Execution.Id, b.Execution.Attempt, """{ "result": "seed" }""", definition, CancellationToken.None)),
            Task.Run(() => opened.State.CompleteAsync(c.Execution.Id, c.Execution.Attempt, """{ "counted": 3 }""", definition, CancellationToken.None)));
        Assert.Equal(["d"], results.SelectMany(r => r!.Ready));
        Assert.Single((await opened.Instances.GetAsync(id))!.Journal, j => j.Event == JournalEvents.ActivityScheduled && j.ActivityId == "d");
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task AStallAndALateCompletionCannotBothWin(string store)
    {
        var (opened, definition, id) = await InstanceAsync(store, Support.Workflows.Single("late", "Echo", """{ "text": "x" }"""));
        var claim = await BeginAsync(opened, id, "only");
        var stall = Task.Run(() => opened.State.MarkStalledAsync(TimeSpan.FromTicks(-TimeSpan.TicksPerHour), (_, _, _) => Task.FromResult(false), CancellationToken.None));
        var complete = Task.Run(() => opened.State.CompleteAsync(claim.Execution.Id, claim.Execution.Attempt, """{ "result": "x" }""", definition, CancellationToken.None));
        var stalled = await stall;
        var completed = await complete;
        Assert.True(stalled.Count == 1 ^ completed is not null, $"stalled {stalled.Count}, completed {completed is not null}");
        var view = (await opened.Instances.GetAsync(id))!;
        Assert.Equal(completed is null ? "Stalled" : "Completed", view.Activities[0].Status);
    }

    public void Dispose() => _fixture.Dispose();
}
