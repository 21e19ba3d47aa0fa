using Serilog;

namespace LossSearch.Workflows.Activities;

/// <summary>What an executing activity gets from the engine.</summary>
public sealed class ActivityContext(
    ActivityExecutionInfo execution,
    string checkpointDirectory,
    Func<ActivityProgress?, Task> heartbeat,
    ILogger logger,
    CancellationToken cancellation)
{
    public string InstanceId => execution.InstanceId;
    public string ActivityId => execution.ActivityId;
    public string DefinitionId => execution.DefinitionId;
    public int DefinitionVersion => execution.DefinitionVersion;
    /// <summary>1 for the first run of this activity; each recovery, retry or resume adds one.</summary>
    public int Attempt => execution.Attempt;
    /// <summary>True when a process died while this activity ran and the engine is running it again.</summary>
    public bool Recovering => execution.Recovering;
    /// <summary>True when a person resumed this activity after a stall, fault, cancellation or shutdown.</summary>
    public bool Resuming => execution.Resuming;
    /// <summary>True when an earlier attempt may have left a checkpoint behind (recovery, resume or retry).</summary>
    public bool IsContinuation => Attempt > 1;

    /// <summary><c>artifacts/&lt;instance&gt;/&lt;activity&gt;/</c>: created before the activity runs and kept across attempts.</summary>
    public string CheckpointDirectory { get; } = checkpointDirectory;
    public ILogger Logger { get; } = logger;
    public CancellationToken CancellationToken { get; } = cancellation;

    /// <summary>Records progress and a heartbeat on the activity's execution row.</summary>
    public Task ReportProgressAsync(double fraction, string? message = null) => heartbeat(new ActivityProgress(Math.Clamp(fraction, 0, 1), message));

    /// <summary>Touches the execution row so that stall detection knows the activity is alive.</summary>
    public Task HeartbeatAsync() => heartbeat(null);

    /// <summary>An <see cref="IProgress{T}"/> for code (e.g. Learning) that reports without awaiting; reports heartbeat too.</summary>
    public IProgress<ActivityProgress> Progress => new Reporter(this);

    private sealed class Reporter(ActivityContext context) : IProgress<ActivityProgress>
    {
        public void Report(ActivityProgress value) => _ = context.ReportProgressAsync(value.Fraction, value.Message);
    }
}

/// <summary>Which execution an <see cref="ActivityContext"/> belongs to.</summary>
public sealed record ActivityExecutionInfo(
    string InstanceId, string ActivityId, string DefinitionId, int DefinitionVersion, int Attempt, bool Recovering, bool Resuming);
