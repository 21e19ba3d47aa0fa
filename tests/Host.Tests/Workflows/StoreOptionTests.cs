using System.Net;
using System.Net.Sockets;
using LossSearch.Host.Tests.Cli;

namespace LossSearch.Host.Tests.Workflows;

public class StoreOptionTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    [Fact]
    public async Task ABadStoreUriIsBadInputNamingTheStore()
    {
        var run = await CliRun.Of("instances", "list", "--store", "mysql://ann:pw@db/funnel", "--artifacts", _workspace.Artifacts);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("store 'mysql://ann:***@db/funnel' is neither sqlite:PATH nor postgresql://", run.Stderr);
    }

    [Fact]
    public async Task AnUnreachableServerFailsWithExitOneNamingTheStore()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var run = await CliRun.Of("instances", "list", "--store", $"postgresql://ann:pw@127.0.0.1:{port}/funnel", "--artifacts", _workspace.Artifacts);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"store 'postgresql://ann@127.0.0.1:{port}/funnel' cannot be opened", run.Stderr);
        Assert.DoesNotContain("pw", run.Stderr);
    }

    [Fact]
    public async Task TheSqliteStoreOptionPlacesTheDatabase()
    {
        var run = await CliRun.Of("instances", "list", "--json", "--store", "sqlite:" + _workspace.Database, "--artifacts", _workspace.Artifacts);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(File.Exists(_workspace.Database));
    }

    public void Dispose() => _workspace.Dispose();
}
