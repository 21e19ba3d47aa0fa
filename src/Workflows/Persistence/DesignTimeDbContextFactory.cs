using Microsoft.EntityFrameworkCore.Design;

namespace LossSearch.Workflows.Persistence;

/// <summary>Lets <c>dotnet ef migrations add --context WorkflowDbContext</c> build the SQLite context without the engine.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<WorkflowDbContext>
{
    public WorkflowDbContext CreateDbContext(string[] args) => new(StoreContextFactory.SqliteOptions(StoreLocation.Sqlite("design-time.db").ConnectionString));
}
