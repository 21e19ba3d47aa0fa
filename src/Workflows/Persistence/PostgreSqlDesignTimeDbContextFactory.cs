using Microsoft.EntityFrameworkCore.Design;

namespace LossSearch.Workflows.Persistence;

/// <summary>Lets <c>dotnet ef migrations add --context PostgreSqlWorkflowDbContext</c> build the context; no server is contacted.</summary>
internal sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlWorkflowDbContext>
{
    public PostgreSqlWorkflowDbContext CreateDbContext(string[] args) =>
        new(StoreContextFactory.PostgreSqlOptions(StoreLocation.Parse("postgresql://design@localhost/design").ConnectionString));
}
