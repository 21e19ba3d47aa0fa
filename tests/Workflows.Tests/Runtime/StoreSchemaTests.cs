using LossSearch.Workflows.Persistence;
using LossSearch.Workflows.Tests.Support;
using Microsoft.Data.Sqlite;

namespace LossSearch.Workflows.Tests.Runtime;

public class StoreSchemaTests : IDisposable
{
    private readonly EngineFixture _fixture = new();

    [Fact]
    public async Task OneSqliteFileInWalModeHoldsMigratedInstanceStoreAndQuartzSchema()
    {
        await using (await _fixture.StartAsync()) { }
        await using var connection = new SqliteConnection($"Data Source={_fixture.Options.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        async Task<object?> Scalar(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync();
        }
        Assert.Equal("wal", await Scalar("PRAGMA journal_mode"));
        Assert.Equal("20261129045841_InitialCreate", await Scalar("SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId LIMIT 1"));
        foreach (var table in new[] { "WorkflowInstances", "ActivityExecutions", "Incidents", "Journal", "WorkflowDefinitions", "StoreIdentity", "QRTZ_TRIGGERS", "QRTZ_FIRED_TRIGGERS" })
            Assert.Equal(1L, await Scalar($"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"));

        // A second start finds everything in place (idempotent migration and provisioning).
        await using (await _fixture.StartAsync()) { }
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task TheSchedulerNameIsKeptInTheStoreAndDiffersBetweenStores(string store)
    {
        var options = _fixture.Use(store);
        string first, again;
        await using (var engine = await _fixture.StartAsync()) first = engine.Store.SchedulerName;
        await using (var engine = await _fixture.StartAsync()) again = engine.Store.SchedulerName;
        using var other = new EngineFixture();
        other.Use(store);
        await using var elsewhere = await other.StartAsync();
        Assert.Matches("^LossSearch-[0-9a-f]{16,32}$", first);
        Assert.Equal(first, again);
        Assert.NotEqual(first, elsewhere.Store.SchedulerName);
        Assert.Equal(options.Store.Kind, elsewhere.Options.Store.Kind);
    }

    [Fact]
    public async Task PostgreSqlHoldsTheMigratedInstanceStoreAndTheQuartzSchema()
    {
        var options = _fixture.Use(Stores.PostgreSql);
        await using (await _fixture.StartAsync()) { }
        await using var connection = new Npgsql.NpgsqlConnection(options.Store.ConnectionString);
        await connection.OpenAsync();
        async Task<object?> Scalar(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync();
        }
        Assert.Equal("20261202195807_InitialCreate", await Scalar("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\""));
        foreach (var table in new[] { "WorkflowInstances", "ActivityExecutions", "Incidents", "Journal", "WorkflowDefinitions", "StoreIdentity", "qrtz_triggers", "qrtz_fired_triggers", "qrtz_scheduler_state" })
            Assert.Equal(1L, await Scalar($"SELECT count(*) FROM information_schema.tables WHERE lower(table_name) = lower('{table}')"));
        await using (await _fixture.StartAsync()) { }
    }

    [Fact]
    public void EachProvidersMigrationsMatchTheModel()
    {
        // A model change needs a migration for both providers (dotnet ef migrations add --context ...).
        using var sqlite = new StoreContextFactory(StoreLocation.Sqlite(Path.Combine(_fixture.Root, "m.db"))).Create();
        using var postgres = new StoreContextFactory(StoreLocation.Parse("postgresql://design@localhost/design")).Create();
        Assert.False(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.HasPendingModelChanges(sqlite.Database), "SQLite migrations lag the model");
        Assert.False(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.HasPendingModelChanges(postgres.Database), "PostgreSQL migrations lag the model");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _fixture.Dispose();
    }
}
