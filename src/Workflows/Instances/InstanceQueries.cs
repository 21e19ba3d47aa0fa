using System.Text.Json;
using LossSearch.Workflows.Definitions;
using LossSearch.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LossSearch.Workflows.Instances;

/// <summary>Read-only views of instances, straight from the store (no scheduler needed).</summary>
public sealed class InstanceQueries(StoreContextFactory store, DefinitionService definitions, ArtifactPaths paths)
{
    /// <summary>Newest first, one page; optionally only one definition, status, sub-status, or instances with incidents.</summary>
    public async Task<Page<InstanceSummary>> ListAsync(int page, int pageSize, string? definitionId = null, string? subStatus = null, CancellationToken cancellation = default,
        string? status = null, bool? hasIncidents = null)
    {
        await using var db = store.Create();
        var query = db.Instances.AsNoTracking();
        if (definitionId is not null) query = query.Where(i => i.DefinitionId == definitionId);
        if (subStatus is not null && Enum.TryParse<InstanceSubStatus>(subStatus, ignoreCase: true, out var parsed)) query = query.Where(i => i.SubStatus == parsed);
        if (status is not null && Enum.TryParse<InstanceStatus>(status, ignoreCase: true, out var parsedStatus)) query = query.Where(i => i.Status == parsedStatus);
        if (hasIncidents is bool any) query = query.Where(i => db.Incidents.Any(x => x.InstanceId == i.Id) == any);
        int total = await query.CountAsync(cancellation);
        var rows = await query.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id).Skip(Paging.Offset(page, pageSize)).Take(pageSize).ToListAsync(cancellation);
        var ids = rows.Select(r => r.Id).ToList();
        var executions = await db.Executions.AsNoTracking().Where(e => ids.Contains(e.InstanceId))
            .Select(e => new { e.InstanceId, e.Status, e.Progress }).ToListAsync(cancellation);
        var incidents = await db.Incidents.AsNoTracking().Where(x => ids.Contains(x.InstanceId))
            .GroupBy(x => x.InstanceId).Select(g => new { InstanceId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.InstanceId, g => g.Count, cancellation);
        var items = new List<InstanceSummary>(rows.Count);
        foreach (var i in rows)
        {
            int activities = (await definitions.GetVersionAsync(i.DefinitionId, i.DefinitionVersion, cancellation)).Root.Activities.Count;
            double done = executions.Where(e => e.InstanceId == i.Id).Sum(e => e.Status == ExecutionStatus.Completed ? 1 : Math.Clamp(e.Progress, 0, 1));
            items.Add(new InstanceSummary(i.Id, i.DefinitionId, i.DefinitionVersion, i.Name, i.Status.ToString(), i.SubStatus.ToString(), i.CreatedAt, i.UpdatedAt, i.FinishedAt)
            {
                Activities = activities,
                Progress = activities == 0 ? 1 : done / activities,
                Incidents = incidents.GetValueOrDefault(i.Id),
            });
        }
        return new Page<InstanceSummary>(items, page, pageSize, total);
    }

    public async Task<InstanceView?> GetAsync(string instanceId, CancellationToken cancellation = default)
    {
        await using var db = store.Create();
        var instance = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instanceId, cancellation);
        if (instance is null) return null;
        var executions = await db.Executions.AsNoTracking().Where(e => e.InstanceId == instanceId).ToListAsync(cancellation);
        var incidents = await db.Incidents.AsNoTracking().Where(e => e.InstanceId == instanceId).OrderBy(e => e.Id).ToListAsync(cancellation);
        var journal = await db.Journal.AsNoTracking().Where(e => e.InstanceId == instanceId).OrderBy(e => e.Id).ToListAsync(cancellation);
        var definition = await definitions.GetVersionAsync(instance.DefinitionId, instance.DefinitionVersion, cancellation);
        string artifacts = paths.Resolve(instance.ArtifactsDirectory);

        var activities = definition.Root.Activities.Select(node =>
        {
            var e = executions.FirstOrDefault(x => x.ActivityId == node.Id);
            return e is null
                ? new ActivityExecutionView(node.Id, node.Type, "Waiting", 0, 0, null, null, null, null, null, Path.Combine(artifacts, node.Id))
                : new ActivityExecutionView(e.ActivityId, e.ActivityType, e.Status.ToString(), e.Attempt, e.Progress, e.ProgressMessage, e.LastHeartbeat,
                    e.StartedAt, e.CompletedAt, e.OutputsJson is null ? null : JsonDocument.Parse(e.OutputsJson).RootElement.Clone(), paths.Resolve(e.CheckpointDirectory));
        }).ToList();
        return new InstanceView(instance.Id, instance.DefinitionId, instance.DefinitionVersion, instance.Name, instance.Status.ToString(),
            instance.SubStatus.ToString(), instance.CreatedAt, instance.UpdatedAt, instance.FinishedAt, artifacts, activities,
            incidents.Select(i => new IncidentView(i.ActivityId, i.Attempt, i.ExceptionType, i.Message, i.At) { StackTrace = i.StackTrace }).ToList(),
            journal.Select(j => new JournalEntryView(j.At, j.Event, j.ActivityId, j.Attempt, j.Detail)).ToList());
    }
}
