using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LossSearch.Workflows.Persistence;

/// <summary>Creates short-lived contexts (one per operation) and brings the schema up to date with migrations.</summary>
public sealed class StoreContextFactory(DbContextOptions<WorkflowDbContext> options)
{
    public WorkflowDbContext Create() => new(options);

    public async Task MigrateAsync(CancellationToken cancellation = default)
    {
        await using var db = Create();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (REST, CLI) proceed while a job writes; the setting persists in the file.
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            if (connection.DataSource is { Length: > 0 } path && Path.GetDirectoryName(path) is { Length: > 0 } folder)
                Directory.CreateDirectory(folder);
            await db.Database.OpenConnectionAsync(cancellation);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellation);
        }
        await db.Database.MigrateAsync(cancellation);
    }
}
