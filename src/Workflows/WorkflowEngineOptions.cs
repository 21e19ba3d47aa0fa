namespace LossSearch.Workflows;

/// <summary>Where the engine keeps its state and how it watches running activities.</summary>
public sealed record WorkflowEngineOptions
{
    /// <summary>The SQLite file holding the instance store and the Quartz job store.</summary>
    public string DatabasePath { get; init; } = "losssearch.db";
    /// <summary>Root of <c>&lt;instance&gt;/&lt;activity&gt;/</c> checkpoint and artifact folders.</summary>
    public string ArtifactsDirectory { get; init; } = "artifacts";
    /// <summary>Instance-store provider; <c>sqlite</c> unless another is plugged in.</summary>
    public string Provider { get; init; } = Persistence.StoreProvider.Sqlite;
    /// <summary>Folder of <c>*.json</c> definitions imported (as published) at start; null for none.</summary>
    public string? DefinitionsDirectory { get; init; }
    /// <summary>An execution silent for longer than this is marked Stalled.</summary>
    public TimeSpan StallThreshold { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>How often the stall detector runs.</summary>
    public TimeSpan StallCheckInterval { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Progress reports closer together than this share one heartbeat write.</summary>
    public TimeSpan MinHeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>First retry delay for retryable activities; doubles per attempt.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Per-process caps on activities of an execution group running at once, e.g. <c>{"gpu": 1}</c>.</summary>
    public IReadOnlyDictionary<string, int> ExecutionGroupLimits { get; init; } = new Dictionary<string, int>();
    /// <summary>Activities run at the same time in this process.</summary>
    public int MaxConcurrency { get; init; } = 4;
}
