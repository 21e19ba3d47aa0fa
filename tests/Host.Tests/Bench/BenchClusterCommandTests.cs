using LossSearch.Host.Tests.Cli;

namespace LossSearch.Host.Tests.Bench;

public class BenchClusterCommandTests
{
    [Fact]
    public async Task OneWorkerRoundOnAPrivateClusterReportsEveryUnitAndItsOverheads()
    {
        var run = await CliRun.Of("bench", "cluster", "--workers", "1", "--units", "2", "--epochs", "1", "--steps-per-epoch", "1", "--batch", "8", "--images", "32", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var round = Assert.Single(run.Json().GetProperty("rounds").EnumerateArray());
        Assert.Equal((1, 1, 2), (round.GetProperty("workers").GetInt32(), round.GetProperty("nodes").GetInt32(), round.GetProperty("units").GetInt32()));
        Assert.True(round.GetProperty("unitsPerHour").GetDouble() > 0);
        Assert.True(round.GetProperty("meanDispatchWaitSeconds").GetDouble() >= 0);
        Assert.True(round.GetProperty("meanTrainingSeconds").GetDouble() > 0);
    }

    [Fact]
    public async Task ASqliteStoreIsRefused()
    {
        var run = await CliRun.Of("bench", "cluster", "--store", "sqlite:/tmp/never.db");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--store: 'sqlite:/tmp/never.db' is not PostgreSQL", run.Stderr);
    }
}
