using Microsoft.EntityFrameworkCore;

namespace LossSearch.Workflows.Persistence;

/// <summary>
/// The instance store: definitions, instances, activity executions, incidents and the journal. This
/// type is the SQLite store (Migrations/Sqlite); <see cref="PostgreSqlWorkflowDbContext"/> is PostgreSQL's.
/// </summary>
public class WorkflowDbContext : DbContext
{
    public WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : base(options) { }

    protected WorkflowDbContext(DbContextOptions options) : base(options) { }

    public DbSet<DefinitionRecord> Definitions => Set<DefinitionRecord>();
    public DbSet<InstanceRecord> Instances => Set<InstanceRecord>();
    public DbSet<ActivityExecutionRecord> Executions => Set<ActivityExecutionRecord>();
    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();
    public DbSet<JournalRecord> Journal => Set<JournalRecord>();
    public DbSet<StoreIdentityRecord> Identity => Set<StoreIdentityRecord>();
    public DbSet<WorkItemRecord> WorkItems => Set<WorkItemRecord>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<DefinitionRecord>(e =>
        {
            e.ToTable("WorkflowDefinitions");
            e.HasIndex(d => new { d.DefinitionId, d.Version }).IsUnique();
            e.Property(d => d.DefinitionId).HasMaxLength(200);
            e.Property(d => d.Name).HasMaxLength(400);
        });
        model.Entity<InstanceRecord>(e =>
        {
            e.ToTable("WorkflowInstances");
            e.Property(i => i.Id).HasMaxLength(64);
            e.Property(i => i.DefinitionId).HasMaxLength(200);
            e.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(i => i.SubStatus).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(i => i.CreatedAt);
            e.HasIndex(i => i.SubStatus);
        });
        model.Entity<ActivityExecutionRecord>(e =>
        {
            e.ToTable("ActivityExecutions");
            e.Property(x => x.InstanceId).HasMaxLength(64);
            e.Property(x => x.ActivityId).HasMaxLength(200);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(x => new { x.InstanceId, x.ActivityId }).IsUnique();
            e.HasIndex(x => x.Status);
        });
        model.Entity<IncidentRecord>(e =>
        {
            e.ToTable("Incidents");
            e.HasIndex(x => x.InstanceId);
        });
        model.Entity<JournalRecord>(e =>
        {
            e.ToTable("Journal");
            e.HasIndex(x => x.InstanceId);
        });
        model.Entity<WorkItemRecord>(e =>
        {
            e.ToTable("WorkItems");
            e.Property(x => x.InstanceId).HasMaxLength(64);
            e.Property(x => x.ActivityId).HasMaxLength(200);
            e.Property(x => x.Label).HasMaxLength(400);
            e.Property(x => x.Node).HasMaxLength(200);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(x => new { x.ExecutionId, x.Index }).IsUnique();
            e.HasIndex(x => x.Status);
        });
        model.Entity<StoreIdentityRecord>(e =>
        {
            e.ToTable("StoreIdentity");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.SchedulerName).HasMaxLength(100);
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // SQLite cannot order or compare DateTimeOffset; UTC ticks keep them sortable on every provider.
        configuration.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetTicksConverter>();
    }
}
