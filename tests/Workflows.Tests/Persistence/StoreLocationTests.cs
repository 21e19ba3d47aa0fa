using LossSearch.Workflows.Persistence;

namespace LossSearch.Workflows.Tests.Persistence;

public class StoreLocationTests
{
    [Fact]
    public void SqlitePathIsMadeAbsoluteAndHasNoServer()
    {
        var store = StoreLocation.Parse("sqlite:some/dir/x.db");
        Assert.Equal(StoreKind.Sqlite, store.Kind);
        Assert.Equal(Path.GetFullPath("some/dir/x.db"), store.SqlitePath);
        Assert.False(store.IsClustered);
        Assert.Contains($"Data Source={Path.GetFullPath("some/dir/x.db")}", store.ConnectionString);
    }

    [Fact]
    public void PostgreSqlUriBecomesAConnectionStringAndItsPasswordIsNeverShown()
    {
        var store = StoreLocation.Parse("postgresql://ann:s%40cret@db.example:6543/funnel");
        Assert.Equal(StoreKind.PostgreSql, store.Kind);
        Assert.True(store.IsClustered);
        Assert.Null(store.SqlitePath);
        var built = new Npgsql.NpgsqlConnectionStringBuilder(store.ConnectionString);
        Assert.Equal(("db.example", 6543, "funnel", "ann", "s@cret"), (built.Host, built.Port, built.Database, built.Username, built.Password));
        Assert.Equal("postgresql://ann@db.example:6543/funnel", store.Text);
        Assert.Equal(5432, new Npgsql.NpgsqlConnectionStringBuilder(StoreLocation.Parse("postgres://ann@db/funnel").ConnectionString).Port);
    }

    [Theory]
    [InlineData("mysql://ann@db/funnel", "neither sqlite:PATH nor postgresql://")]
    [InlineData("losssearch.db", "neither sqlite:PATH nor postgresql://")]
    [InlineData("sqlite:", "names no file")]
    [InlineData("postgresql://ann:pw@db", "names no database")]
    [InlineData("postgresql://db/funnel", "names no user")]
    [InlineData("postgresql://ann:pw@db/funnel?sslmode=require", "query parameters")]
    [InlineData("postgresql://ann:pw@/funnel", "not a valid URI")]
    public void ABadStoreIsRefusedNamingItWithoutItsPassword(string text, string expected)
    {
        var error = Assert.Throws<StoreLocationException>(() => StoreLocation.Parse(text));
        Assert.Contains(expected, error.Message);
        Assert.StartsWith("store '", error.Message);
        Assert.DoesNotContain(":pw@", error.Message);
    }
}
