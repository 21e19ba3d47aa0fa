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
        Assert.Equal("20261129045841_InitialCreate", await Scalar("SELECT MigrationId FROM __EFMigrationsHistory"));
        foreach (var table in new[] { "WorkflowInstances", "ActivityExecutions", "Incidents", "Journal", "WorkflowDefinitions", "QRTZ_TRIGGERS", "QRTZ_FIRED_TRIGGERS" })
            Assert.Equal(1L, await Scalar($"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"));

        // A second start finds everything in place (idempotent migration and provisioning).
        await using (await _fixture.StartAsync()) { }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _fixture.Dispose();
    }
}
