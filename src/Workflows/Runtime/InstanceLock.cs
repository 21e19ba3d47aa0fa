using LossSearch.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LossSearch.Workflows.Runtime;

/// <summary>
/// Takes the instance row's write lock until the transaction ends (a no-op update). Every transition
/// of one instance takes it first, so on PostgreSQL's READ COMMITTED two nodes completing two branches
/// (or two work items) see each other's completion and exactly one of them goes on; on SQLite the
/// single writer gives the same order.
/// </summary>
internal static class InstanceLock
{
    public static Task TakeAsync(WorkflowDbContext db, string instanceId, CancellationToken cancellation) =>
        db.Instances.Where(i => i.Id == instanceId).ExecuteUpdateAsync(s => s.SetProperty(i => i.UpdatedAt, i => i.UpdatedAt), cancellation);
}
