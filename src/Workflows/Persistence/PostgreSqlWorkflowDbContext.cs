using Microsoft.EntityFrameworkCore;

namespace LossSearch.Workflows.Persistence;

/// <summary>The instance store on PostgreSQL: the same model, its own migrations (Migrations/PostgreSql).</summary>
public sealed class PostgreSqlWorkflowDbContext(DbContextOptions<PostgreSqlWorkflowDbContext> options) : WorkflowDbContext(options);
