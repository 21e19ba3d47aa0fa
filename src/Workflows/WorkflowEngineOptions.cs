using LossSearch.Workflows.Persistence;

namespace LossSearch.Workflows;

/// <summary>Where the engine keeps its state and how it watches running activities.</summary>
public sealed record WorkflowEngineOptions
{
    /// <summary>The database holding the instance store and the Quartz job store: a SQLite file, or PostgreSQL for a cluster.</summary>
    public StoreLocation Store { get; init; } = StoreLocation.Sqlite("losssearch.db");
    /// <summary>Shorthand for a SQLite <see cref="Store"/>; empty when the store is PostgreSQL.</summary>
    public string DatabasePath
    {
        get => Store.SqlitePath ?? "";
        init => Store = StoreLocation.Sqlite(value);
    }
    /// <summary>Root of <c>&lt;instance&gt;/&lt;activity&gt;/</c> checkpoint and artifact folders.</summary>
    public string ArtifactsDirectory { get; init; } = "artifacts";
    /// <summary>Folder of <c>*.json</c> definitions imported (as published) at start; null for none.</summary>
    public string? DefinitionsDirectory { get; init; }
    /// <summary>An execution silent for longer than this is marked Stalled.</summary>
    public TimeSpan StallThreshold { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>How often the stall detector runs.</summary>
    public TimeSpan StallCheckInterval { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>How often the dispatcher looks for Pending executions with nothing queued (an execution is queued once found so twice in a row).</summary>
    public TimeSpan DispatchInterval { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>Progress reports closer together than this share one heartbeat write.</summary>
    public TimeSpan MinHeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>First retry delay for retryable activities; doubles per attempt.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Per-process caps on activities of an execution group running at once, e.g. <c>{"gpu": 1}</c>.</summary>
    public IReadOnlyDictionary<string, int> ExecutionGroupLimits { get; init; } = new Dictionary<string, int>();
    /// <summary>What a job of a limited execution group holds while it runs in slot i of that group here (the host makes slot i of gpu use cuda:i); null for nothing.</summary>
    public Func<string, int, IDisposable?>? SlotScope { get; init; }
    /// <summary>Activities and work items run at the same time in this process (Quartz's thread pool); the stall watch and dispatcher have loops of their own.</summary>
    public int MaxConcurrency { get; init; } = 4;
    /// <summary>Clustered (PostgreSQL) nodes record that they are alive this often.</summary>
    public TimeSpan ClusterCheckinInterval { get; init; } = TimeSpan.FromSeconds(7.5);
    /// <summary>A node whose check-in is this much overdue is taken for dead: another node recovers its running work.</summary>
    public TimeSpan ClusterCheckinMisfireThreshold { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>
    /// How often an idle clustered node looks for work that another node queued (Quartz's idle wait,
    /// 30 s by default there): a node learns at once only of the jobs it queued itself.
    /// </summary>
    public TimeSpan ClusterPollInterval { get; init; } = TimeSpan.FromSeconds(2);
}
