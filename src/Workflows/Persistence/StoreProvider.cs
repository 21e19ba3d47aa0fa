using Microsoft.EntityFrameworkCore;

namespace LossSearch.Workflows.Persistence;

/// <summary>
/// Chooses the database behind the instance store. SQLite (a file) is built in; other providers are
/// named by <see cref="WorkflowEngineOptions.Provider"/> and must ship their own migrations assembly.
/// </summary>
public static class StoreProvider
{
    public const string Sqlite = "sqlite";

    public static DbContextOptions<WorkflowDbContext> Options(string provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        switch (provider.ToLowerInvariant())
        {
            case Sqlite:
                builder.UseSqlite(connectionString);
                break;
            default:
                throw new ArgumentException($"Workflows:Provider '{provider}' is not supported here (supported: {Sqlite}).");
        }
        return builder.Options;
    }

    /// <summary>A SQLite connection string for a file, with a busy timeout so concurrent writers wait rather than fail.</summary>
    public static string SqliteConnectionString(string databasePath) =>
        $"Data Source={Path.GetFullPath(databasePath)};Default Timeout=30;Pooling=True";
}
