using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LossSearch.Workflows.Persistence;

/// <summary>
/// Creates short-lived contexts (one per operation) on the chosen store and brings its schema up to
/// date with that provider's migrations.
/// </summary>
public sealed class StoreContextFactory
{
    private readonly Func<WorkflowDbContext> _create;

    public StoreContextFactory(StoreLocation location)
    {
        Location = location;
        _create = location.Kind switch
        {
            StoreKind.Sqlite => () => new WorkflowDbContext(SqliteOptions(location.ConnectionString)),
            StoreKind.PostgreSql => () => new PostgreSqlWorkflowDbContext(PostgreSqlOptions(location.ConnectionString)),
            _ => throw new StoreLocationException($"store '{location}' has no provider"),
        };
    }

    public StoreLocation Location { get; }

    public WorkflowDbContext Create() => _create();

    public static DbContextOptions<WorkflowDbContext> SqliteOptions(string connectionString) =>
        new DbContextOptionsBuilder<WorkflowDbContext>().UseSqlite(connectionString).Options;

    public static DbContextOptions<PostgreSqlWorkflowDbContext> PostgreSqlOptions(string connectionString) =>
        new DbContextOptionsBuilder<PostgreSqlWorkflowDbContext>().UseNpgsql(connectionString).Options;

    /// <summary>
    /// Applies missing migrations (each in its own transaction, so a failure leaves no half-created
    /// schema on PostgreSQL) and returns the store's scheduler name.
    /// </summary>
    public async Task<string> MigrateAsync(CancellationToken cancellation = default)
    {
        try
        {
            await using var db = Create();
            if (db.Database.IsNpgsql()) await RequireExistingDatabaseAsync(cancellation);
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
            string schedulerName = await db.Identity.Where(i => i.Id == StoreIdentityRecord.SingletonId).Select(i => i.SchedulerName).SingleAsync(cancellation);
            if (db.Database.IsSqlite()) await QuartzSchedulerAdoption.AdoptAsync(db, schedulerName, cancellation);
            return schedulerName;
        }
        catch (Exception e) when (e is NpgsqlException or SqliteException || (e is InvalidOperationException && e.InnerException is NpgsqlException))
        {
            throw new StoreUnavailableException($"store '{Location}' cannot be opened: {e.Message}", e);
        }
    }

    /// <summary>
    /// Npgsql's migrator would create a missing database; a typo in the URI must be an error instead,
    /// so the database is opened plainly first (it fails naming the database when there is none).
    /// </summary>
    private async Task RequireExistingDatabaseAsync(CancellationToken cancellation)
    {
        await using var connection = new NpgsqlConnection(Location.ConnectionString);
        await connection.OpenAsync(cancellation);
    }
}
