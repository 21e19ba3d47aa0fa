using LossSearch.Workflows.Persistence;

namespace LossSearch.Workflows.Tests.Support;

/// <summary>
/// The test process's one private PostgreSQL cluster (<see cref="PrivatePostgreSqlCluster"/>), started on
/// first use and stopped and removed when the process exits; each test gets its own database.
/// </summary>
public static class PostgreSqlServer
{
    public const string User = PrivatePostgreSqlCluster.User;
    private static readonly Lazy<PrivatePostgreSqlCluster> SharedCluster = new(() =>
    {
        var cluster = PrivatePostgreSqlCluster.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
        return cluster;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    public static PrivatePostgreSqlCluster Shared => SharedCluster.Value;
}
