using LossSearch.Workflows.Activities;
using LossSearch.Workflows.Definitions;
using LossSearch.Workflows.Instances;
using LossSearch.Workflows.Persistence;
using LossSearch.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Serilog;

namespace LossSearch.Workflows;

/// <summary>
/// The engine: the instance store plus a Quartz scheduler on the ADO.NET job store in the same
/// database (schema provisioned by Quartz). On SQLite, one engine per file; on PostgreSQL, any number
/// of nodes form a Quartz cluster. Dispose it to stop — activities interrupted by the shutdown are
/// handed back to Quartz and recovered on the next start (or by another node).
/// </summary>
public sealed class WorkflowEngine : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IScheduler _scheduler;
    private readonly EngineRuntime _runtime;
    private readonly ActivityScheduler _activities;
    private readonly EngineLock? _lock;
    private readonly Dispatcher _dispatcher;
    private readonly List<RecurringChore> _chores = [];

    private WorkflowEngine(WorkflowStore store, ServiceProvider services, IScheduler scheduler, EngineRuntime runtime, EngineLock? engineLock)
    {
        _lock = engineLock;
        Store = store;
        _services = services;
        _scheduler = scheduler;
        _runtime = runtime;
        _activities = new ActivityScheduler(scheduler);
        _dispatcher = new Dispatcher(runtime, scheduler);
    }

    public WorkflowStore Store { get; }
    public ActivityRegistry Registry => Store.Registry;
    public DefinitionService Definitions => Store.Definitions;
    public InstanceQueries Instances => Store.Instances;
    public WorkflowEngineOptions Options => Store.Options;
    /// <summary>This node's Quartz instance id: what work items record as the node that ran them.</summary>
    public string NodeId => _scheduler.SchedulerInstanceId;

    /// <param name="quartzLogging">Where Quartz's own (Microsoft.Extensions.Logging) messages go; none when null.</param>
    public static async Task<WorkflowEngine> StartAsync(WorkflowEngineOptions options, ActivityRegistry registry, ILogger logger, TimeProvider? clock = null,
        Microsoft.Extensions.Logging.ILoggerFactory? quartzLogging = null, CancellationToken cancellation = default)
    {
        clock ??= TimeProvider.System;
        var engineLock = options.Store.SqlitePath is { } file ? EngineLock.Acquire(file) : null;
        ServiceProvider? provider = null;
        try
        {
            var store = await WorkflowStore.OpenAsync(options, registry, clock, cancellation);
            var runtime = new EngineRuntime(store.State, store.Items, store.Definitions, registry, options, logger, clock);
            provider = QuartzServices(options, store.SchedulerName, runtime, quartzLogging);
            var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellation);
            var engine = new WorkflowEngine(store, provider, scheduler, runtime, engineLock);
            if (options.DefinitionsDirectory is { } folder) await engine.ImportDefinitionsAsync(folder, cancellation);
            // Stores written before the stall watch left Quartz still hold its job, whose class is gone.
            await scheduler.DeleteJob(LegacyStallDetector, cancellation);
            await scheduler.Start(cancellation);
            await engine._dispatcher.QueueAsync(await store.State.PendingWorkAsync((id, version) => store.Definitions.GetVersionAsync(id, version, cancellation), cancellation), cancellation);
            engine.StartChores();
            return engine;
        }
        catch
        {
            if (provider is not null) await provider.DisposeAsync();
            engineLock?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The scheduler: ADO.NET store in the same database, schema provisioned by Quartz, shutdown hands
    /// firings back for recovery. On PostgreSQL it is clustered: every node shares the scheduler name
    /// kept in the store and gets its own generated instance id.
    /// </summary>
    private static ServiceProvider QuartzServices(WorkflowEngineOptions options, string schedulerName, EngineRuntime runtime, Microsoft.Extensions.Logging.ILoggerFactory? quartzLogging)
    {
        var services = new ServiceCollection();
        services.AddSingleton(runtime);
        if (quartzLogging is not null) services.AddSingleton(quartzLogging);
        services.AddTransient<ActivityJob>();
        services.AddTransient<WorkItemJob>();
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = schedulerName;
                scheduler.ShutdownJobInterruption = ShutdownJobInterruption.Always;
                if (options.Store.IsClustered) scheduler.IdleWaitTime = options.ClusterPollInterval;
            });
            // Only activities and work items use Quartz's threads; the engine's chores run on their own loops.
            quartz.UseDefaultThreadPool(Math.Max(1, options.MaxConcurrency));
            if (options.ExecutionGroupLimits.Count > 0)
                quartz.UseExecutionLimits(limits =>
                {
                    foreach (var (group, max) in options.ExecutionGroupLimits) limits.ForGroup(group, max);
                });
            quartz.UsePersistentStore(persistence =>
            {
                if (options.Store.IsClustered)
                {
                    persistence.UsePostgres(options.Store.ConnectionString);
                    persistence.UseClustering(cluster =>
                    {
                        cluster.CheckinInterval = options.ClusterCheckinInterval;
                        cluster.CheckinMisfireThreshold = options.ClusterCheckinMisfireThreshold;
                    });
                }
                else
                {
                    persistence.UseSqlite(options.Store.ConnectionString);
                }
                persistence.ProvisionSchema();
                persistence.ConfigureStore(store => store.RecoverFiringsCancelledByShutdown = true);
            });
        });
        return services.BuildServiceProvider();
    }

    /// <summary>Starts an instance of the latest published version of <paramref name="definitionId"/>; returns its id.</summary>
    public async Task<string> TriggerAsync(string definitionId, InputOverrides? overrides = null, CancellationToken cancellation = default)
    {
        var definition = await Definitions.GetPublishedAsync(definitionId, cancellation);
        if (definition is null)
        {
            throw await Definitions.GetAsync(definitionId, cancellation: cancellation) is null
                ? new WorkflowNotFoundException($"unknown workflow definition '{definitionId}'")
                : new WorkflowConflictException($"workflow definition '{definitionId}' has no published version; publish it first");
        }
        return await TriggerVersionAsync(definition, overrides, cancellation);
    }

    /// <summary>Imports (validates, and publishes unless a published version has the same content) a definition, then triggers that version.</summary>
    public async Task<string> TriggerAsync(WorkflowDefinition definition, InputOverrides? overrides = null, CancellationToken cancellation = default) =>
        await TriggerVersionAsync(await Definitions.ImportAsync(definition, cancellation), overrides, cancellation);

    private async Task<string> TriggerVersionAsync(WorkflowDefinition definition, InputOverrides? overrides, CancellationToken cancellation)
    {
        overrides ??= InputOverrides.None;
        overrides.ThrowIfInvalid(definition, Registry);
        new InputValueValidator(Registry).ThrowIfInvalidAtTrigger(definition, overrides);
        string instanceId = NewInstanceId();
        var starts = await Store.State.CreateInstanceAsync(instanceId, definition, overrides, cancellation);
        foreach (var activityId in starts)
            await _activities.ScheduleAsync(instanceId, activityId, _runtime.ExecutionGroupOf(definition, activityId), cancellation: cancellation);
        _runtime.Logger.Information("Instance {InstanceId} of {DefinitionId} v{Version} started", instanceId, definition.DefinitionId, definition.Version);
        return instanceId;
    }

    /// <summary>Re-runs the stalled, faulted, cancelled or suspended activities of an instance from their checkpoints.</summary>
    public async Task<ControlOutcome> ResumeAsync(string instanceId, CancellationToken cancellation = default)
    {
        var summary = await Instances.GetAsync(instanceId, cancellation);
        if (summary is null) return ControlOutcome.NotFound;
        var definition = await Definitions.GetVersionAsync(summary.DefinitionId, summary.DefinitionVersion, cancellation);
        var (outcome, toSchedule) = await Store.State.ResumeAsync(instanceId, definition, cancellation);
        foreach (var activityId in toSchedule)
        {
            await _activities.InterruptAsync(instanceId, activityId, cancellation);
            await _activities.ScheduleAsync(instanceId, activityId, _runtime.ExecutionGroupOf(definition, activityId), cancellation: cancellation);
        }
        if (outcome == ControlOutcome.Done) _runtime.Logger.Information("Instance {InstanceId} resumed: {Activities}", instanceId, toSchedule);
        return outcome;
    }

    /// <summary>Cancels a running instance; running activities stop at their next cancellation check and keep their checkpoints.</summary>
    public async Task<ControlOutcome> CancelAsync(string instanceId, CancellationToken cancellation = default)
    {
        var (outcome, running) = await Store.State.CancelAsync(instanceId, cancellation);
        foreach (var activityId in running) await _activities.InterruptAsync(instanceId, activityId, cancellation);
        foreach (var (activityId, index) in await Store.Items.RunningAsync(instanceId, cancellation))
            await _activities.InterruptWorkItemAsync(instanceId, activityId, index, cancellation);
        return outcome;
    }

    /// <summary>Polls until the instance leaves Pending/Executing (finished, faulted, cancelled, stalled or suspended).</summary>
    public async Task<InstanceView> WaitAsync(string instanceId, TimeSpan poll, Action<InstanceView>? onUpdate = null, CancellationToken cancellation = default)
    {
        while (true)
        {
            var view = await Instances.GetAsync(instanceId, cancellation) ?? throw new WorkflowNotFoundException($"unknown workflow instance '{instanceId}'");
            onUpdate?.Invoke(view);
            if (view.SubStatus is not (nameof(InstanceSubStatus.Pending) or nameof(InstanceSubStatus.Executing))) return view;
            await Task.Delay(poll, cancellation);
        }
    }

    public async Task ImportDefinitionsAsync(string folder, CancellationToken cancellation = default)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                await Definitions.ImportAsync(DefinitionJson.Parse(await File.ReadAllTextAsync(file, cancellation)), cancellation);
            }
            catch (Exception e) when (e is WorkflowValidationException or IOException or UnauthorizedAccessException)
            {
                _runtime.Logger.Warning("Skipped definition {File}: {Errors}", file, e.Message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _runtime.ShuttingDown = true;
        foreach (var chore in _chores) await chore.DisposeAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await _scheduler.Shutdown(waitForJobsToComplete: true, deadline.Token); }
        catch (OperationCanceledException) { }
        await _services.DisposeAsync();
        _lock?.Dispose();
    }

    private static readonly JobKey LegacyStallDetector = new("stall-detector", "engine");

    private void StartChores()
    {
        // The first stall check waits one threshold, so activities Quartz recovers after a long outage
        // can claim their executions first; in a cluster a stopped node's work is recovered only once
        // its check-in is overdue, so that wait is added.
        var recovery = Options.Store.IsClustered ? Options.ClusterCheckinMisfireThreshold + Options.ClusterCheckinInterval : TimeSpan.Zero;
        var watch = new StallWatch(_runtime, _scheduler);
        _chores.Add(new RecurringChore("stall watch", Options.StallThreshold + recovery, Options.StallCheckInterval, watch.RoundAsync, _runtime.Logger));
        _chores.Add(new RecurringChore("dispatcher", Options.DispatchInterval, Options.DispatchInterval, _dispatcher.RoundAsync, _runtime.Logger));
    }

    private static string NewInstanceId() => Guid.CreateVersion7().ToString("N");
}
