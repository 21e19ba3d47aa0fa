using Microsoft.EntityFrameworkCore.Design;

namespace LossSearch.Workflows.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the engine.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<WorkflowDbContext>
{
    public WorkflowDbContext CreateDbContext(string[] args) =>
        new(StoreProvider.Options(StoreProvider.Sqlite, StoreProvider.SqliteConnectionString("design-time.db")));
}
