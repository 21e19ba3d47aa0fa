using LossSearch.Workflows.Definitions;
using LossSearch.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LossSearch.Workflows.Runtime;

/// <summary>
/// Every state change of instances and executions, each one short transaction that also writes the
/// journal. Transitions are conditional updates, so racing callers (two resumes, a stall and a late
/// completion) cannot both win.
/// </summary>
internal sealed class InstanceStore(StoreContextFactory store, TimeProvider clock, ArtifactPaths paths)
{
    private static readonly ExecutionStatus[] Resumable = [ExecutionStatus.Stalled, ExecutionStatus.Faulted, ExecutionStatus.Cancelled, ExecutionStatus.Suspended];
    private static readonly InstanceSubStatus[] ResumableInstance = [InstanceSubStatus.Stalled, InstanceSubStatus.Faulted, InstanceSubStatus.Cancelled, InstanceSubStatus.Suspended];

    public ArtifactPaths Paths => paths;

    public async Task<IReadOnlyList<string>> CreateInstanceAsync(string instanceId, WorkflowDefinition definition, InputOverrides overrides, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var starts = new DefinitionGraph(definition.Root).StartActivities;
        await using var db = store.Create();
        db.Instances.Add(new InstanceRecord
        {
            Id = instanceId, DefinitionId = definition.DefinitionId, DefinitionVersion = definition.Version, Name = definition.Name,
            Status = InstanceStatus.Running, SubStatus = InstanceSubStatus.Pending, OverridesJson = overrides.ToJson(),
            ArtifactsDirectory = ArtifactPaths.OfInstance(instanceId), CreatedAt = now, UpdatedAt = now,
        });
        Journal(db, instanceId, null, JournalEvents.InstanceCreated, null, $"{definition.DefinitionId} v{definition.Version}");
        foreach (var activityId in starts) AddPending(db, instanceId, definition, activityId);
        await db.SaveChangesAsync(cancellation);
        return starts;
    }

    /// <summary>
    /// Claims the execution for a new attempt, or returns null when it must not run: already
    /// completed, or its instance is not executing (cancelled, stalled, finished).
    /// </summary>
    public async Task<AttemptClaim?> BeginAttemptAsync(string instanceId, string activityId, bool recovering, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        await using var db = store.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await LockInstanceAsync(db, instanceId, cancellation);
        var instance = await db.Instances.SingleOrDefaultAsync(i => i.Id == instanceId, cancellation);
        var execution = await db.Executions.AsNoTracking().SingleOrDefaultAsync(e => e.InstanceId == instanceId && e.ActivityId == activityId, cancellation);
        bool runnable = instance is { Status: InstanceStatus.Running, SubStatus: InstanceSubStatus.Pending or InstanceSubStatus.Executing }
            && execution is { Status: ExecutionStatus.Pending or ExecutionStatus.Running };
        if (!runnable)
        {
            if (instance is not null)
            {
                Journal(db, instanceId, activityId, JournalEvents.ActivitySkipped, execution?.Attempt, $"execution {execution?.Status}, instance {instance.SubStatus}");
                await db.SaveChangesAsync(cancellation);
                await transaction.CommitAsync(cancellation);
            }
            return null;
        }
        // Claimed only if nobody began an attempt since it was read: the attempt number is the expected state.
        int claimed = await db.Executions
            .Where(e => e.Id == execution!.Id && e.Attempt == execution.Attempt && (e.Status == ExecutionStatus.Pending || e.Status == ExecutionStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Attempt, e => e.Attempt + 1).SetProperty(e => e.Status, ExecutionStatus.Running)
                .SetProperty(e => e.StartedAt, now).SetProperty(e => e.LastHeartbeat, now).SetProperty(e => e.ResumeRequested, false), cancellation);
        if (claimed != 1) return null;
        bool resuming = execution!.ResumeRequested;
        execution.ResumeRequested = false;
        execution.Attempt++;
        execution.Status = ExecutionStatus.Running;
        execution.StartedAt = now;
        execution.LastHeartbeat = now;
        instance!.SubStatus = InstanceSubStatus.Executing;
        instance.UpdatedAt = now;
        Journal(db, instanceId, activityId, recovering ? JournalEvents.ActivityRecovered : JournalEvents.ActivityStarted, execution.Attempt, null);
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return new AttemptClaim(execution, instance, resuming);
    }

    /// <summary>The execution of an activity and its instance, as stored now (untracked).</summary>
    public async Task<(ActivityExecutionRecord? Execution, InstanceRecord? Instance)> ExecutionAsync(string instanceId, string activityId, CancellationToken cancellation)
    {
        await using var db = store.Create();
        var instance = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instanceId, cancellation);
        var execution = await db.Executions.AsNoTracking().SingleOrDefaultAsync(e => e.InstanceId == instanceId && e.ActivityId == activityId, cancellation);
        return (execution, instance);
    }

    /// <summary>Outputs JSON of the instance's completed activities, by activity id.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> OutputsAsync(string instanceId, CancellationToken cancellation)
    {
        await using var db = store.Create();
        return await db.Executions.Where(e => e.InstanceId == instanceId && e.Status == ExecutionStatus.Completed)
            .ToDictionaryAsync(e => e.ActivityId, e => e.OutputsJson, StringComparer.Ordinal, cancellation);
    }

    /// <summary>Writes a heartbeat (and progress when given); false when this attempt no longer owns the execution.</summary>
    public async Task<bool> HeartbeatAsync(long executionId, int attempt, double? progress, string? message, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        await using var db = store.Create();
        // Owned while this attempt is the current one and its instance still executes: a cancel made by
        // another process (CLI beside a server) reaches the activity through this check.
        var owned = db.Executions.Where(e => e.Id == executionId && e.Attempt == attempt && e.Status == ExecutionStatus.Running
            && db.Instances.Any(i => i.Id == e.InstanceId && i.Status == InstanceStatus.Running));
        int updated = progress is double fraction
            ? await owned.ExecuteUpdateAsync(s => s.SetProperty(e => e.LastHeartbeat, now).SetProperty(e => e.Progress, fraction).SetProperty(e => e.ProgressMessage, message), cancellation)
            : await owned.ExecuteUpdateAsync(s => s.SetProperty(e => e.LastHeartbeat, now), cancellation);
        return updated == 1;
    }

    /// <summary>
    /// Stores the outputs and creates Pending executions for the activities that became ready (all
    /// their predecessors completed). Returns null when this attempt was superseded (its result is dropped).
    /// </summary>
    public async Task<CompletionResult?> CompleteAsync(long executionId, int attempt, string outputsJson, WorkflowDefinition definition, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        await using var db = store.Create();
        string instanceId = await InstanceOfAsync(db, executionId, cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await LockInstanceAsync(db, instanceId, cancellation);
        int completed = await Owned(db, executionId, attempt)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, ExecutionStatus.Completed).SetProperty(e => e.OutputsJson, outputsJson)
                .SetProperty(e => e.Progress, 1.0).SetProperty(e => e.CompletedAt, now).SetProperty(e => e.LastHeartbeat, now), cancellation);
        if (completed != 1) return null;
        var activityId = await db.Executions.Where(e => e.Id == executionId).Select(e => e.ActivityId).SingleAsync(cancellation);
        Journal(db, instanceId, activityId, JournalEvents.ActivityCompleted, attempt, null);
        await db.SaveChangesAsync(cancellation);
        var result = await AdvanceAsync(db, instanceId, definition, cancellation);
        await transaction.CommitAsync(cancellation);
        return result;
    }

    /// <summary>Records a fault; with attempts left the execution goes back to Pending for a retry, else the instance faults.</summary>
    public async Task<bool> FailAsync(long executionId, int attempt, Exception exception, int maxAttempts, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        await using var db = store.Create();
        string instanceId = await InstanceOfAsync(db, executionId, cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await LockInstanceAsync(db, instanceId, cancellation);
        bool retry = attempt < maxAttempts;
        int failed = await Owned(db, executionId, attempt)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, retry ? ExecutionStatus.Pending : ExecutionStatus.Faulted), cancellation);
        if (failed != 1) return false;
        var activityId = await db.Executions.Where(e => e.Id == executionId).Select(e => e.ActivityId).SingleAsync(cancellation);
        db.Incidents.Add(new IncidentRecord
        {
            InstanceId = instanceId, ActivityId = activityId, Attempt = attempt,
            ExceptionType = exception.GetType().FullName ?? exception.GetType().Name, Message = exception.Message, StackTrace = exception.ToString(), At = now,
        });
        Journal(db, instanceId, activityId, retry ? JournalEvents.ActivityRetryScheduled : JournalEvents.ActivityFaulted, attempt, exception.Message);
        if (!retry)
        {
            int faulted = await db.Instances.Where(i => i.Id == instanceId && (i.SubStatus == InstanceSubStatus.Executing || i.SubStatus == InstanceSubStatus.Pending))
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InstanceStatus.Finished).SetProperty(i => i.SubStatus, InstanceSubStatus.Faulted)
                    .SetProperty(i => i.UpdatedAt, now).SetProperty(i => i.FinishedAt, now), cancellation);
            if (faulted == 1) Journal(db, instanceId, null, JournalEvents.InstanceFaulted, null, activityId);
        }
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return retry;
    }

    /// <summary>Records that a cancelled instance's running attempt stopped.</summary>
    public async Task MarkCancelledAsync(long executionId, int attempt, CancellationToken cancellation)
    {
        await using var db = store.Create();
        string instanceId = await InstanceOfAsync(db, executionId, cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await LockInstanceAsync(db, instanceId, cancellation);
        int cancelled = await Owned(db, executionId, attempt).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, ExecutionStatus.Cancelled), cancellation);
        if (cancelled != 1) return;
        var activityId = await db.Executions.Where(e => e.Id == executionId).Select(e => e.ActivityId).SingleAsync(cancellation);
        Journal(db, instanceId, activityId, JournalEvents.ActivityCancelled, attempt, null);
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
    }

    /// <summary>
    /// Marks executions silent for longer than <paramref name="threshold"/> as Stalled, and their
    /// instances too, except those <paramref name="awaitingClaim"/> says are only waiting for their
    /// (re)started job to claim them: their silence is the queue's, not the activity's.
    /// </summary>
    public async Task<IReadOnlyList<(string InstanceId, string ActivityId)>> MarkStalledAsync(TimeSpan threshold, AwaitingClaim awaitingClaim, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - threshold;
        var stalled = new List<(string, string)>();
        await using var db = store.Create();
        // A fan-out execution runs no code itself: its work items are watched instead (queued ones are not silent).
        var silent = await db.Executions.AsNoTracking().Where(e => e.Status == ExecutionStatus.Running && e.LastHeartbeat < cutoff && !db.WorkItems.Any(w => w.ExecutionId == e.Id))
            .Select(e => new { e.Id, e.InstanceId, e.ActivityId, e.Attempt, e.LastHeartbeat }).ToListAsync(cancellation);
        var candidates = new List<(long Id, string InstanceId, string ActivityId, int Attempt, DateTimeOffset? LastHeartbeat)>();
        foreach (var e in silent)
            if (!await awaitingClaim(ActivityScheduler.JobKeyOf(e.InstanceId, e.ActivityId), e.LastHeartbeat, cancellation))
                candidates.Add((e.Id, e.InstanceId, e.ActivityId, e.Attempt, e.LastHeartbeat));
        foreach (var instance in candidates.GroupBy(c => c.InstanceId))
        {
            string instanceId = instance.Key;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
            await LockInstanceAsync(db, instanceId, cancellation);
            bool any = false;
            foreach (var execution in instance)
            {
                // Still silent and still this attempt: a heartbeat or completion that came in between wins.
                int marked = await db.Executions.Where(e => e.Id == execution.Id && e.Attempt == execution.Attempt && e.Status == ExecutionStatus.Running && e.LastHeartbeat < cutoff)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, ExecutionStatus.Stalled), cancellation);
                if (marked != 1) continue;
                Journal(db, instanceId, execution.ActivityId, JournalEvents.ActivityStalled, execution.Attempt, $"no heartbeat since {execution.LastHeartbeat:O}");
                stalled.Add((instanceId, execution.ActivityId));
                any = true;
            }
            if (any)
                await db.Instances.Where(i => i.Id == instanceId && i.Status == InstanceStatus.Running)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.SubStatus, InstanceSubStatus.Stalled).SetProperty(i => i.UpdatedAt, now), cancellation);
            await db.SaveChangesAsync(cancellation);
            await transaction.CommitAsync(cancellation);
        }
        return stalled;
    }

    /// <summary>
    /// Puts a stalled, faulted, cancelled or suspended instance back to executing and its unfinished
    /// executions back to Pending. Exactly one of two racing callers wins.
    /// </summary>
    public async Task<(ControlOutcome Outcome, IReadOnlyList<string> ToSchedule)> ResumeAsync(string instanceId, WorkflowDefinition? definition, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        await using var db = store.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        int claimed = await db.Instances.Where(i => i.Id == instanceId && ResumableInstance.Contains(i.SubStatus))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InstanceStatus.Running).SetProperty(i => i.SubStatus, InstanceSubStatus.Executing)
                .SetProperty(i => i.UpdatedAt, now).SetProperty(i => i.FinishedAt, (DateTimeOffset?)null), cancellation);
        if (claimed == 0)
            return (await db.Instances.AnyAsync(i => i.Id == instanceId, cancellation) ? ControlOutcome.Conflict : ControlOutcome.NotFound, []);
        var toResume = await db.Executions.Where(e => e.InstanceId == instanceId && (Resumable.Contains(e.Status) || e.Status == ExecutionStatus.Pending)).ToListAsync(cancellation);
        foreach (var execution in toResume)
        {
            execution.Status = ExecutionStatus.Pending;
            execution.ResumeRequested = true;
        }
        Journal(db, instanceId, null, JournalEvents.InstanceResumed, null, string.Join(",", toResume.Select(e => e.ActivityId)));
        await db.SaveChangesAsync(cancellation);
        var advanced = definition is null ? null : await AdvanceAsync(db, instanceId, definition, cancellation);
        await transaction.CommitAsync(cancellation);
        return (ControlOutcome.Done, toResume.Select(e => e.ActivityId).Concat(advanced?.Ready ?? []).Distinct().ToList());
    }

    /// <summary>Cancels a running instance: pending executions are cancelled now, running ones when their token is observed.</summary>
    public async Task<(ControlOutcome Outcome, IReadOnlyList<string> Running)> CancelAsync(string instanceId, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        await using var db = store.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        int claimed = await db.Instances.Where(i => i.Id == instanceId && i.Status == InstanceStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InstanceStatus.Finished).SetProperty(i => i.SubStatus, InstanceSubStatus.Cancelled)
                .SetProperty(i => i.UpdatedAt, now).SetProperty(i => i.FinishedAt, now), cancellation);
        if (claimed == 0)
            return (await db.Instances.AnyAsync(i => i.Id == instanceId, cancellation) ? ControlOutcome.Conflict : ControlOutcome.NotFound, []);
        var running = await db.Executions.Where(e => e.InstanceId == instanceId && e.Status == ExecutionStatus.Running).Select(e => e.ActivityId).ToListAsync(cancellation);
        await db.Executions.Where(e => e.InstanceId == instanceId && (e.Status == ExecutionStatus.Pending || e.Status == ExecutionStatus.Stalled || e.Status == ExecutionStatus.Suspended
                || (e.Status == ExecutionStatus.Running && db.WorkItems.Any(w => w.ExecutionId == e.Id))))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, ExecutionStatus.Cancelled), cancellation);
        // Queued work items never start; running ones stop at their next heartbeat and record it.
        await db.WorkItems.Where(w => w.InstanceId == instanceId && (w.Status == ExecutionStatus.Pending || w.Status == ExecutionStatus.Stalled))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, ExecutionStatus.Cancelled), cancellation);
        Journal(db, instanceId, null, JournalEvents.InstanceCancelled, null, null);
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return (ControlOutcome.Done, running);
    }

    /// <summary>Running instances' executions that are Pending or ready but unscheduled: the work a restart must make sure is queued.</summary>
    public async Task<IReadOnlyList<PendingExecution>> PendingWorkAsync(Func<string, int, Task<WorkflowDefinition>> definitionOf, CancellationToken cancellation)
    {
        await using var db = store.Create();
        var active = await Active(db).Select(i => new { i.Id, i.DefinitionId, i.DefinitionVersion }).ToListAsync(cancellation);
        foreach (var instance in active)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
            await LockInstanceAsync(db, instance.Id, cancellation);
            await AdvanceAsync(db, instance.Id, await definitionOf(instance.DefinitionId, instance.DefinitionVersion), cancellation);
            await transaction.CommitAsync(cancellation);
        }
        return await PendingExecutionsAsync(cancellation);
    }

    /// <summary>Journals that the dispatcher queued a Pending execution nothing had queued.</summary>
    public async Task JournalRequeuedAsync(string instanceId, string activityId, CancellationToken cancellation)
    {
        await using var db = store.Create();
        Journal(db, instanceId, activityId, JournalEvents.ActivityRequeued, null, "Pending with nothing queued");
        await db.SaveChangesAsync(cancellation);
    }

    /// <summary>The Pending executions of running instances (read only): what the dispatcher checks for a missing firing.</summary>
    public async Task<IReadOnlyList<PendingExecution>> PendingExecutionsAsync(CancellationToken cancellation)
    {
        await using var db = store.Create();
        var pending = await db.Executions.Where(e => e.Status == ExecutionStatus.Pending && Active(db).Any(i => i.Id == e.InstanceId))
            .OrderBy(e => e.Id).Select(e => new { e.InstanceId, e.ActivityId, e.ActivityType }).ToListAsync(cancellation);
        return pending.Select(p => new PendingExecution(p.InstanceId, p.ActivityId, p.ActivityType)).ToList();
    }

    private static IQueryable<InstanceRecord> Active(WorkflowDbContext db) =>
        db.Instances.Where(i => i.Status == InstanceStatus.Running && (i.SubStatus == InstanceSubStatus.Pending || i.SubStatus == InstanceSubStatus.Executing));

    private async Task<CompletionResult> AdvanceAsync(WorkflowDbContext db, string instanceId, WorkflowDefinition definition, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var graph = new DefinitionGraph(definition.Root);
        var executions = await db.Executions.Where(e => e.InstanceId == instanceId).ToListAsync(cancellation);
        var done = executions.Where(e => e.Status == ExecutionStatus.Completed).Select(e => e.ActivityId).ToHashSet(StringComparer.Ordinal);
        var existing = executions.Select(e => e.ActivityId).ToHashSet(StringComparer.Ordinal);
        var ready = graph.Ready(done).Where(a => !existing.Contains(a)).ToList();
        foreach (var activityId in ready) AddPending(db, instanceId, definition, activityId);
        bool finished = done.Count == graph.ActivityIds.Count;
        if (finished)
        {
            var instance = await db.Instances.SingleAsync(i => i.Id == instanceId, cancellation);
            if (instance.Status == InstanceStatus.Running)
            {
                instance.Status = InstanceStatus.Finished;
                instance.SubStatus = InstanceSubStatus.Finished;
                instance.UpdatedAt = now;
                instance.FinishedAt = now;
                Journal(db, instanceId, null, JournalEvents.InstanceFinished, null, null);
            }
        }
        await db.SaveChangesAsync(cancellation);
        return new CompletionResult(ready, finished);
    }

    /// <summary>The execution row while <paramref name="attempt"/> owns it: the expected state of every transition out of Running.</summary>
    private static IQueryable<ActivityExecutionRecord> Owned(WorkflowDbContext db, long executionId, int attempt) =>
        db.Executions.Where(e => e.Id == executionId && e.Attempt == attempt && e.Status == ExecutionStatus.Running);

    private static Task<string> InstanceOfAsync(WorkflowDbContext db, long executionId, CancellationToken cancellation) =>
        db.Executions.Where(e => e.Id == executionId).Select(e => e.InstanceId).SingleAsync(cancellation);

    private static Task LockInstanceAsync(WorkflowDbContext db, string instanceId, CancellationToken cancellation) =>
        InstanceLock.TakeAsync(db, instanceId, cancellation);

    private void AddPending(WorkflowDbContext db, string instanceId, WorkflowDefinition definition, string activityId)
    {
        var node = definition.Root.Activities.First(a => a.Id == activityId);
        db.Executions.Add(new ActivityExecutionRecord
        {
            InstanceId = instanceId, ActivityId = activityId, ActivityType = node.Type, Status = ExecutionStatus.Pending,
            CheckpointDirectory = ArtifactPaths.OfActivity(instanceId, activityId),
        });
        Journal(db, instanceId, activityId, JournalEvents.ActivityScheduled, null, null);
    }

    private void Journal(WorkflowDbContext db, string instanceId, string? activityId, string @event, int? attempt, string? detail) =>
        db.Journal.Add(new JournalRecord { InstanceId = instanceId, ActivityId = activityId, Event = @event, Attempt = attempt, Detail = detail, At = clock.GetUtcNow() });
}

/// <summary>Whether a silent attempt's job is only waiting to (re)start and claim it; see <see cref="FiringWatch"/>.</summary>
internal delegate Task<bool> AwaitingClaim(Quartz.JobKey job, DateTimeOffset? lastHeartbeat, CancellationToken cancellation);

internal sealed record PendingExecution(string InstanceId, string ActivityId, string ActivityType);

internal sealed record AttemptClaim(ActivityExecutionRecord Execution, InstanceRecord Instance, bool Resuming);

internal sealed record CompletionResult(IReadOnlyList<string> Ready, bool Finished);
