using System.Net;
using System.Net.Sockets;
using LossSearch.Workflows.Persistence;
using LossSearch.Workflows.Tests.Support;

namespace LossSearch.Workflows.Tests.Runtime;

public class StoreFaultTests : IDisposable
{
    private readonly EngineFixture _fixture = new();

    [Fact]
    public async Task AnUnreachableServerIsNamedInTheError()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var options = _fixture.Options with { Store = StoreLocation.Parse($"postgresql://nobody:secret@127.0.0.1:{port}/nothing") };
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => _fixture.StartAsync(options));
        Assert.Contains($"store 'postgresql://nobody@127.0.0.1:{port}/nothing' cannot be opened", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Fact]
    public async Task AMissingDatabaseOnALiveServerIsNamedAndNothingIsCreated()
    {
        var server = PostgreSqlServer.Shared;
        var options = _fixture.Options with { Store = StoreLocation.Parse(server.Uri("no_such_database")) };
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => _fixture.StartAsync(options));
        Assert.Contains("no_such_database", error.Message);
        await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(options.Store.ConnectionString) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pg_database WHERE datname = 'no_such_database'";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    public void Dispose() => _fixture.Dispose();
}
