using LossSearch.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LossSearch.Workflows.Runtime;

/// <summary>
/// The state changes of fan-out work items. Like executions', each is a conditional update checked by
/// affected rows, inside the instance's lock, so racing nodes cannot both claim, complete or gather.
/// </summary>
internal sealed class WorkItemStore(StoreContextFactory store, TimeProvider clock)
{
    /// <summary>
    /// Creates the execution's items when missing and puts every unfinished one (stalled, cancelled,
    /// faulted) back to Pending; returns the indexes that must be queued (all but the completed).
    /// </summary>
    public async Task<IReadOnlyList<int>> PrepareAsync(long executionId, string instanceId, string activityId, IReadOnlyList<string> labels, CancellationToken cancellation)
    {
        await using var db = store.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await InstanceLock.TakeAsync(db, instanceId, cancellation);
        var existing = await db.WorkItems.Where(w => w.ExecutionId == executionId).Select(w => w.Index).ToListAsync(cancellation);
        for (int i = 0; i < labels.Count; i++)
        {
            if (existing.Contains(i)) continue;
            db.WorkItems.Add(new WorkItemRecord { ExecutionId = executionId, InstanceId = instanceId, ActivityId = activityId, Index = i, Label = labels[i], Status = ExecutionStatus.Pending });
        }
        await db.SaveChangesAsync(cancellation);
        await db.WorkItems.Where(w => w.ExecutionId == executionId && (w.Status == ExecutionStatus.Stalled || w.Status == ExecutionStatus.Cancelled || w.Status == ExecutionStatus.Faulted))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, ExecutionStatus.Pending), cancellation);
        var unfinished = await db.WorkItems.Where(w => w.ExecutionId == executionId && w.Status != ExecutionStatus.Completed)
            .OrderBy(w => w.Index).Select(w => w.Index).ToListAsync(cancellation);
        db.Journal.Add(new JournalRecord { InstanceId = instanceId, ActivityId = activityId, Event = JournalEvents.WorkItemsQueued,
            Detail = $"{unfinished.Count} of {labels.Count}: {string.Join(",", unfinished)}", At = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return unfinished;
    }

    /// <summary>Claims the item for a new attempt on <paramref name="node"/>; null when it must not run (done, or its execution or instance is not running).</summary>
    public async Task<WorkItemRecord?> BeginAsync(string instanceId, string activityId, int index, string node, bool recovering, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        await using var db = store.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await InstanceLock.TakeAsync(db, instanceId, cancellation);
        var item = await db.WorkItems.AsNoTracking().SingleOrDefaultAsync(w => w.InstanceId == instanceId && w.ActivityId == activityId && w.Index == index, cancellation);
        if (item is null) return null;
        // Running too: a recovered item whose node died still says Running.
        int claimed = await db.WorkItems
            .Where(w => w.Id == item.Id && w.Attempt == item.Attempt && (w.Status == ExecutionStatus.Pending || w.Status == ExecutionStatus.Running)
                && db.Executions.Any(e => e.Id == w.ExecutionId && e.Status == ExecutionStatus.Running)
                && db.Instances.Any(i => i.Id == w.InstanceId && i.Status == InstanceStatus.Running && i.SubStatus == InstanceSubStatus.Executing))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Attempt, w => w.Attempt + 1).SetProperty(w => w.Status, ExecutionStatus.Running)
                .SetProperty(w => w.StartedAt, now).SetProperty(w => w.LastHeartbeat, now).SetProperty(w => w.Node, node), cancellation);
        if (claimed != 1) return null;
        await db.Executions.Where(e => e.Id == item.ExecutionId).ExecuteUpdateAsync(s => s.SetProperty(e => e.LastHeartbeat, now), cancellation);
        db.Journal.Add(new JournalRecord { InstanceId = instanceId, ActivityId = activityId, Event = recovering ? JournalEvents.WorkItemRecovered : JournalEvents.WorkItemStarted,
            Attempt = item.Attempt + 1, Detail = $"#{index} {item.Label} on {node}", At = now });
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        item.Attempt++;
        item.Status = ExecutionStatus.Running;
        item.Node = node;
        return item;
    }

    /// <summary>Heartbeat (and progress); false when this attempt no longer owns the item or its instance stopped.</summary>
    public async Task<bool> HeartbeatAsync(long itemId, int attempt, double? progress, string? message, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        await using var db = store.Create();
        var owned = Owned(db, itemId, attempt).Where(w => db.Instances.Any(i => i.Id == w.InstanceId && i.Status == InstanceStatus.Running));
        int updated = progress is double fraction
            ? await owned.ExecuteUpdateAsync(s => s.SetProperty(w => w.LastHeartbeat, now).SetProperty(w => w.Progress, fraction).SetProperty(w => w.ProgressMessage, message), cancellation)
            : await owned.ExecuteUpdateAsync(s => s.SetProperty(w => w.LastHeartbeat, now), cancellation);
        if (updated == 1 && message is not null)
            await db.Executions.Where(e => e.Status == ExecutionStatus.Running && db.WorkItems.Any(w => w.Id == itemId && w.ExecutionId == e.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.LastHeartbeat, now).SetProperty(e => e.ProgressMessage, message), cancellation);
        return updated == 1;
    }

    /// <summary>Stores the item's result; <c>AllDone</c> is true for exactly the one completion that finished the execution's last item.</summary>
    public async Task<(bool Applied, bool AllDone)> CompleteAsync(WorkItemRecord item, string resultJson, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        await using var db = store.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await InstanceLock.TakeAsync(db, item.InstanceId, cancellation);
        int completed = await Owned(db, item.Id, item.Attempt)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, ExecutionStatus.Completed).SetProperty(w => w.ResultJson, resultJson)
                .SetProperty(w => w.Progress, 1.0).SetProperty(w => w.CompletedAt, now).SetProperty(w => w.LastHeartbeat, now), cancellation);
        if (completed != 1) return (false, false);
        var counts = await db.WorkItems.Where(w => w.ExecutionId == item.ExecutionId)
            .GroupBy(w => w.Status == ExecutionStatus.Completed).Select(g => new { Done = g.Key, Count = g.Count() }).ToListAsync(cancellation);
        int done = counts.Where(c => c.Done).Sum(c => c.Count), total = counts.Sum(c => c.Count);
        await db.Executions.Where(e => e.Id == item.ExecutionId && e.Status == ExecutionStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Progress, (double)done / total).SetProperty(e => e.LastHeartbeat, now)
                .SetProperty(e => e.ProgressMessage, $"{done}/{total} work items done"), cancellation);
        db.Journal.Add(new JournalRecord { InstanceId = item.InstanceId, ActivityId = item.ActivityId, Event = JournalEvents.WorkItemCompleted, Attempt = item.Attempt, Detail = $"#{item.Index} {item.Label} on {item.Node}", At = now });
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return (true, done == total);
    }

    /// <summary>Ends the attempt as <paramref name="status"/> (Faulted, Cancelled); false when it no longer owned the item.</summary>
    public async Task<bool> StopAsync(WorkItemRecord item, ExecutionStatus status, string? detail, CancellationToken cancellation)
    {
        await using var db = store.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await InstanceLock.TakeAsync(db, item.InstanceId, cancellation);
        int stopped = await Owned(db, item.Id, item.Attempt).ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, status), cancellation);
        if (stopped != 1) return false;
        string @event = status == ExecutionStatus.Faulted ? JournalEvents.WorkItemFaulted : JournalEvents.WorkItemCancelled;
        db.Journal.Add(new JournalRecord { InstanceId = item.InstanceId, ActivityId = item.ActivityId, Event = @event, Attempt = item.Attempt, Detail = $"#{item.Index} {item.Label}: {detail}", At = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return true;
    }

    /// <summary>Whether every item of the execution is completed (and there is at least one).</summary>
    public async Task<bool> AllDoneAsync(long executionId, CancellationToken cancellation)
    {
        await using var db = store.Create();
        var items = db.WorkItems.Where(w => w.ExecutionId == executionId);
        return await items.AnyAsync(cancellation) && !await items.AnyAsync(w => w.Status != ExecutionStatus.Completed, cancellation);
    }

    /// <summary>Every item's result, in index order.</summary>
    public async Task<IReadOnlyList<string>> ResultsAsync(long executionId, CancellationToken cancellation)
    {
        await using var db = store.Create();
        return await db.WorkItems.Where(w => w.ExecutionId == executionId).OrderBy(w => w.Index).Select(w => w.ResultJson ?? "null").ToListAsync(cancellation);
    }

    /// <summary>The instance's running items (to interrupt those running in this process).</summary>
    public async Task<IReadOnlyList<(string ActivityId, int Index)>> RunningAsync(string instanceId, CancellationToken cancellation)
    {
        await using var db = store.Create();
        var running = await db.WorkItems.Where(w => w.InstanceId == instanceId && w.Status == ExecutionStatus.Running).Select(w => new { w.ActivityId, w.Index }).ToListAsync(cancellation);
        return running.Select(r => (r.ActivityId, r.Index)).ToList();
    }

    /// <summary>Marks items silent longer than the threshold Stalled, with their executions and instances, except those only waiting for their job to claim them.</summary>
    public async Task<IReadOnlyList<(string InstanceId, string ActivityId, int Index)>> MarkStalledAsync(TimeSpan threshold, AwaitingClaim awaitingClaim, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - threshold;
        var stalled = new List<(string, string, int)>();
        await using var db = store.Create();
        var silent = await db.WorkItems.AsNoTracking().Where(w => w.Status == ExecutionStatus.Running && w.LastHeartbeat < cutoff).ToListAsync(cancellation);
        foreach (var item in silent)
        {
            if (await awaitingClaim(ActivityScheduler.WorkItemKeyOf(item.InstanceId, item.ActivityId, item.Index), item.LastHeartbeat, cancellation)) continue;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
            await InstanceLock.TakeAsync(db, item.InstanceId, cancellation);
            int marked = await Owned(db, item.Id, item.Attempt).Where(w => w.LastHeartbeat < cutoff)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, ExecutionStatus.Stalled), cancellation);
            if (marked == 1)
            {
                int execution = await db.Executions.Where(e => e.Id == item.ExecutionId && e.Status == ExecutionStatus.Running)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, ExecutionStatus.Stalled), cancellation);
                if (execution == 1)
                    db.Journal.Add(new JournalRecord { InstanceId = item.InstanceId, ActivityId = item.ActivityId, Event = JournalEvents.ActivityStalled, Attempt = item.Attempt,
                        Detail = $"work item #{item.Index} {item.Label}: no heartbeat since {item.LastHeartbeat:O}", At = now });
                await db.Instances.Where(i => i.Id == item.InstanceId && i.Status == InstanceStatus.Running)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.SubStatus, InstanceSubStatus.Stalled).SetProperty(i => i.UpdatedAt, now), cancellation);
                await db.SaveChangesAsync(cancellation);
                stalled.Add((item.InstanceId, item.ActivityId, item.Index));
            }
            await transaction.CommitAsync(cancellation);
        }
        return stalled;
    }

    private static IQueryable<WorkItemRecord> Owned(WorkflowDbContext db, long itemId, int attempt) =>
        db.WorkItems.Where(w => w.Id == itemId && w.Attempt == attempt && w.Status == ExecutionStatus.Running);
}
