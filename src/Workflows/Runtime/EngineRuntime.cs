using LossSearch.Workflows.Activities;
using LossSearch.Workflows.Definitions;
using Serilog;

namespace LossSearch.Workflows.Runtime;

/// <summary>What the engine's Quartz jobs share: the store, definitions, activity types, options and logger.</summary>
internal sealed class EngineRuntime(
    InstanceStore store, WorkItemStore items, DefinitionService definitions, ActivityRegistry registry, WorkflowEngineOptions options, ILogger logger, TimeProvider clock)
{
    public InstanceStore Store { get; } = store;
    public WorkItemStore Items { get; } = items;
    public DefinitionService Definitions { get; } = definitions;
    public ActivityRegistry Registry { get; } = registry;
    public WorkflowEngineOptions Options { get; } = options;
    public ILogger Logger { get; } = logger;
    public TimeProvider Clock { get; } = clock;
    public GroupSlots Slots { get; } = new(options.ExecutionGroupLimits, options.SlotScope);

    /// <summary>Set before the scheduler shuts down: a cancelled attempt is then handed back for recovery, not recorded as cancelled.</summary>
    public volatile bool ShuttingDown;

    /// <summary>The execution group of an activity of a definition, from its type's descriptor.</summary>
    public string? ExecutionGroupOf(WorkflowDefinition definition, string activityId) =>
        Registry.Find(definition.Root.Activities.First(a => a.Id == activityId).Type)?.ExecutionGroup;

    /// <summary>How often a running work item's process heartbeats for it, whether or not it reports progress.</summary>
    public TimeSpan KeepAliveInterval => Options.StallThreshold / 4 > Options.MinHeartbeatInterval ? Options.StallThreshold / 4 : Options.MinHeartbeatInterval;

    public TimeSpan RetryDelay(int failedAttempt) => Options.RetryBaseDelay * Math.Pow(2, Math.Max(0, failedAttempt - 1));
}
