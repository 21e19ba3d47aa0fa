using System.Globalization;
using LossSearch.Learning;
using LossSearch.Learning.Runtime;
using LossSearch.Workflows;
using LossSearch.Workflows.Activities;
using LossSearch.Workflows.Persistence;
using Microsoft.Extensions.Configuration;

namespace LossSearch.Host.Engine;

/// <summary>
/// The engine's settings from configuration (<c>Workflows:*</c> in losssearch.json, or
/// <c>Workflows__Store</c>-style environment variables) and the activity types it knows.
/// </summary>
public static class EngineSetup
{
    /// <summary>Every activity type the program offers; activity libraries add their assembly here.</summary>
    public static ActivityRegistry Registry() => ActivityRegistry.WithBuiltIns().AddFrom(typeof(LossSearch.Activities.Evolve).Assembly);

    /// <summary>The environment variable that names the store when no option does.</summary>
    public const string StoreVariable = "LOSSSEARCH_STORE";

    /// <summary>Settings; the store comes from <paramref name="store"/>, else <paramref name="database"/> (a SQLite file),
    /// else <c>LOSSSEARCH_STORE</c>, <c>Workflows:Store</c>, <c>Workflows:Database</c>, else <c>sqlite:./losssearch.db</c>.</summary>
    public static WorkflowEngineOptions Options(IConfiguration configuration, string? store = null, string? database = null, string? artifacts = null)
    {
        var section = configuration.GetSection("Workflows");
        string? definitions = section["Definitions"] ?? (Directory.Exists("workflows") ? "workflows" : null);
        var defaults = new WorkflowEngineOptions();
        return new WorkflowEngineOptions
        {
            Store = StoreOf(section, store, database) ?? defaults.Store,
            ArtifactsDirectory = Path.GetFullPath(artifacts ?? section["Artifacts"] ?? defaults.ArtifactsDirectory),
            DefinitionsDirectory = definitions is null ? null : Path.GetFullPath(definitions),
            StallThreshold = Seconds(section, "StallThresholdSeconds") ?? defaults.StallThreshold,
            StallCheckInterval = Seconds(section, "StallCheckSeconds") ?? defaults.StallCheckInterval,
            DispatchInterval = Seconds(section, "DispatchSeconds") ?? defaults.DispatchInterval,
            RetryBaseDelay = Seconds(section, "RetryBaseDelaySeconds") ?? defaults.RetryBaseDelay,
            ExecutionGroupLimits = section.GetSection("ExecutionGroupLimits").GetChildren()
                .Where(c => int.TryParse(c.Value, CultureInfo.InvariantCulture, out _))
                .ToDictionary(c => c.Key, c => int.Parse(c.Value!, CultureInfo.InvariantCulture)),
            ClusterCheckinInterval = Seconds(section, "ClusterCheckinSeconds") ?? defaults.ClusterCheckinInterval,
            ClusterCheckinMisfireThreshold = Seconds(section, "ClusterCheckinMisfireSeconds") ?? defaults.ClusterCheckinMisfireThreshold,
            ClusterPollInterval = PollInterval(section) ?? defaults.ClusterPollInterval,
            MaxConcurrency = int.TryParse(section["MaxConcurrency"], CultureInfo.InvariantCulture, out int n) && n > 0 ? n : defaults.MaxConcurrency,
        };
    }

    /// <summary>The execution group whose jobs train on a GPU; a node's <c>--gpu-slots</c> caps it.</summary>
    public const string GpuGroup = "gpu";

    /// <summary>
    /// Caps the gpu group on this node at <paramref name="slots"/> (else <c>Workflows:ExecutionGroupLimits:gpu</c>,
    /// else the number of CUDA devices, 1 on a CPU-only machine; 0 runs no training here), and makes slot i
    /// of it use <c>cuda:i</c> where <c>auto</c> is the device.
    /// </summary>
    public static WorkflowEngineOptions WithGpuSlots(WorkflowEngineOptions options, int? slots, int cudaDevices)
    {
        if (slots is < 0) throw new InvalidInputException($"--gpu-slots: {slots} must be 0 or more");
        int count = slots ?? (options.ExecutionGroupLimits.TryGetValue(GpuGroup, out int configured) ? configured : Math.Max(1, cudaDevices));
        var limits = new Dictionary<string, int>(options.ExecutionGroupLimits) { [GpuGroup] = count };
        return options with
        {
            ExecutionGroupLimits = limits,
            SlotScope = (group, slot) => group == GpuGroup && cudaDevices > 0 && DeviceSelection.DefaultSpec == DeviceSelection.Auto
                ? DeviceSelection.UseDefault($"cuda:{slot % cudaDevices}")
                : null,
        };
    }

    private static StoreLocation? StoreOf(IConfiguration section, string? store, string? database)
    {
        if (store is not null) return StoreLocation.Parse(store);
        if (database is not null) return StoreLocation.Sqlite(database);
        if (Environment.GetEnvironmentVariable(StoreVariable) is { Length: > 0 } fromEnvironment) return StoreLocation.Parse(fromEnvironment);
        if (section["Store"] is { Length: > 0 } fromConfiguration) return StoreLocation.Parse(fromConfiguration);
        return section["Database"] is { Length: > 0 } file ? StoreLocation.Sqlite(file) : null;
    }

    /// <summary>Quartz refuses an idle wait under a second; said here with the setting's name.</summary>
    private static TimeSpan? PollInterval(IConfiguration section)
    {
        var poll = Seconds(section, "ClusterPollSeconds");
        if (poll < TimeSpan.FromSeconds(1))
            throw new InvalidInputException($"Workflows:ClusterPollSeconds: {poll.Value.TotalSeconds.ToString(CultureInfo.InvariantCulture)} is under 1, Quartz's shortest idle wait");
        return poll;
    }

    private static TimeSpan? Seconds(IConfiguration section, string key) =>
        double.TryParse(section[key], NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 0 ? TimeSpan.FromSeconds(s) : null;
}
