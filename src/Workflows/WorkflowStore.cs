using LossSearch.Workflows.Activities;
using LossSearch.Workflows.Definitions;
using LossSearch.Workflows.Instances;
using LossSearch.Workflows.Persistence;
using LossSearch.Workflows.Runtime;

namespace LossSearch.Workflows;

/// <summary>
/// The instance store without the scheduler: definitions, instance views and cancellation. The CLI
/// uses it to read and cancel instances when no engine runs in the process; a running activity in
/// another process notices the cancellation at its next heartbeat.
/// </summary>
public sealed class WorkflowStore
{
    private WorkflowStore(WorkflowEngineOptions options, ActivityRegistry registry, TimeProvider clock)
    {
        Options = options;
        Registry = registry;
        Contexts = new StoreContextFactory(options.Store);
        Validator = new DefinitionValidator(registry);
        Definitions = new DefinitionService(Contexts, Validator, clock);
        Paths = new ArtifactPaths(options.ArtifactsDirectory);
        Instances = new InstanceQueries(Contexts, Definitions, Paths);
        State = new InstanceStore(Contexts, clock, Paths);
        Items = new WorkItemStore(Contexts, clock);
    }

    public WorkflowEngineOptions Options { get; }
    public ActivityRegistry Registry { get; }
    public DefinitionValidator Validator { get; }
    public DefinitionService Definitions { get; }
    public InstanceQueries Instances { get; }
    internal StoreContextFactory Contexts { get; }
    internal ArtifactPaths Paths { get; }
    /// <summary>The Quartz scheduler name kept in the store (the same on every node of a cluster).</summary>
    public string SchedulerName { get; private set; } = "";
    internal InstanceStore State { get; }
    internal WorkItemStore Items { get; }

    /// <summary>Opens the store, creating the database and applying migrations when needed.</summary>
    public static async Task<WorkflowStore> OpenAsync(WorkflowEngineOptions options, ActivityRegistry registry, TimeProvider? clock = null, CancellationToken cancellation = default)
    {
        var store = new WorkflowStore(options, registry, clock ?? TimeProvider.System);
        store.SchedulerName = await store.Contexts.MigrateAsync(cancellation);
        return store;
    }

    /// <summary>Cancels a running instance (Conflict when it is not running, NotFound when unknown).</summary>
    public async Task<ControlOutcome> CancelAsync(string instanceId, CancellationToken cancellation = default) =>
        (await State.CancelAsync(instanceId, cancellation)).Outcome;
}
