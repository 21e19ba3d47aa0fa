using System.Security.Cryptography;
using System.Text;
using LossSearch.Workflows.Persistence;
using LossSearch.Workflows.Tests.Support;
using Microsoft.Data.Sqlite;

namespace LossSearch.Workflows.Tests.Persistence;

/// <summary>A SQLite store from before the scheduler name was kept in the store keeps its Quartz work when upgraded.</summary>
public class SchedulerNameUpgradeTests : IDisposable
{
    private readonly EngineFixture _fixture = new();

    /// <summary>The name engines before <c>StoreIdentity</c> gave Quartz: derived from the database's full path.</summary>
    private static string PathDerivedName(string databasePath) =>
        "LossSearch-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(databasePath))))[..12];

    private static List<string> Column(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task AnUpgradedStoreAdoptsItsOldQuartzRowsAndRecoversTheActivityAStopCutOff()
    {
        string id;
        await using (var first = await _fixture.StartAsync())
        {
            id = await first.TriggerAsync(EngineFixture.Parse(Support.Workflows.SingleTicker("upgrade", ticks: 20, intervalMs: 50)));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while ((await first.Instances.GetAsync(id, timeout.Token))!.Activities[0].Progress < 0.2) await Task.Delay(50, timeout.Token);
        }
        // Back to the store as the engine before StoreIdentity left it: Quartz's rows (with the
        // interrupted firing) under the path-derived name, and no identity migration applied.
        string oldName = PathDerivedName(_fixture.Options.DatabasePath);
        using (var connection = new SqliteConnection($"Data Source={_fixture.Options.DatabasePath};Pooling=False"))
        {
            connection.Open();
            var tables = Column(connection, "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND lower(m.name) LIKE 'qrtz%' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) p WHERE lower(p.name) = 'sched_name')");
            Execute(connection, "BEGIN; PRAGMA defer_foreign_keys = ON;"
                + string.Concat(tables.Select(t => $"UPDATE \"{t}\" SET SCHED_NAME = '{oldName}';")) + "COMMIT;");
            Execute(connection, "DROP TABLE \"StoreIdentity\"; DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" LIKE '%_AddStoreIdentity';");
            // The stop handed the ticker's firing back to Quartz: a trigger waits under the old name.
            Assert.Contains($"{id}/tick", Column(connection, $"SELECT JOB_NAME FROM qrtz_triggers WHERE SCHED_NAME = '{oldName}'"));
        }

        await using var upgraded = await _fixture.StartAsync();
        Assert.NotEqual(oldName, upgraded.Store.SchedulerName);
        var view = await upgraded.WaitAsync(id, TimeSpan.FromMilliseconds(50));
        Assert.Equal("Finished", view.SubStatus);
        Assert.Single(view.Journal, j => j.Event == JournalEvents.ActivityRecovered);
        Assert.InRange(view.Activities[0].Outputs!.Value.GetProperty("startedFrom").GetInt32(), 4, 19);
        using var check = new SqliteConnection($"Data Source={_fixture.Options.DatabasePath};Pooling=False");
        check.Open();
        Assert.Empty(Column(check, $"SELECT JOB_NAME FROM qrtz_job_details WHERE SCHED_NAME <> '{upgraded.Store.SchedulerName}'"));
    }

    public void Dispose() => _fixture.Dispose();
}
