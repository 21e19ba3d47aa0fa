using Microsoft.EntityFrameworkCore;

namespace LossSearch.Workflows.Persistence;

/// <summary>
/// A SQLite store written before the scheduler name moved into <c>StoreIdentity</c> holds its Quartz
/// rows under the name the engine then derived from the file's path (<c>LossSearch-</c> and a hash);
/// upgraded, the store gets a new random name, and those rows (queued firings, firings a stop or a
/// crash cut off) would never run or be recovered. A SQLite file has one engine, so every Quartz row
/// in it is this store's: before Quartz starts, rows under any other name move to the store's name
/// (where the store's name already has the same row, the store's wins and the old one is dropped).
/// </summary>
internal static class QuartzSchedulerAdoption
{
    public static async Task<int> AdoptAsync(WorkflowDbContext db, string schedulerName, CancellationToken cancellation)
    {
        var tables = await db.Database.SqlQueryRaw<string>("""
            SELECT m.name AS "Value" FROM sqlite_master m
            WHERE m.type = 'table' AND lower(m.name) LIKE 'qrtz%' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) p WHERE lower(p.name) = 'sched_name')
            """).ToListAsync(cancellation);
        if (tables.Count == 0) return 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await db.Database.ExecuteSqlRawAsync("PRAGMA defer_foreign_keys = ON;", cancellation);
        int moved = 0;
        foreach (var table in tables)
        {
            string quoted = "\"" + table.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            string move = $"UPDATE OR IGNORE {quoted} SET SCHED_NAME = {{0}} WHERE SCHED_NAME <> {{0}}";
            string dropLeftovers = $"DELETE FROM {quoted} WHERE SCHED_NAME <> {{0}}";
            moved += await db.Database.ExecuteSqlRawAsync(move, [schedulerName], cancellation);
            await db.Database.ExecuteSqlRawAsync(dropLeftovers, [schedulerName], cancellation);
        }
        await transaction.CommitAsync(cancellation);
        return moved;
    }
}
