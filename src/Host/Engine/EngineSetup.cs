using System.Globalization;
using LossSearch.Workflows;
using LossSearch.Workflows.Activities;
using Microsoft.Extensions.Configuration;

namespace LossSearch.Host.Engine;

/// <summary>
/// The engine's settings from configuration (<c>Workflows:*</c> in losssearch.json, or
/// <c>Workflows__Database</c>-style environment variables) and the activity types it knows.
/// </summary>
public static class EngineSetup
{
    /// <summary>Every activity type the program offers; activity libraries add their assembly here.</summary>
    public static ActivityRegistry Registry() => ActivityRegistry.WithBuiltIns().AddFrom(typeof(LossSearch.Activities.Evolve).Assembly);

    public static WorkflowEngineOptions Options(IConfiguration configuration, string? database = null, string? artifacts = null)
    {
        var section = configuration.GetSection("Workflows");
        string? definitions = section["Definitions"] ?? (Directory.Exists("workflows") ? "workflows" : null);
        var defaults = new WorkflowEngineOptions();
        return new WorkflowEngineOptions
        {
            DatabasePath = Path.GetFullPath(database ?? section["Database"] ?? defaults.DatabasePath),
            ArtifactsDirectory = Path.GetFullPath(artifacts ?? section["Artifacts"] ?? defaults.ArtifactsDirectory),
            Provider = section["Provider"] ?? defaults.Provider,
            DefinitionsDirectory = definitions is null ? null : Path.GetFullPath(definitions),
            StallThreshold = Seconds(section, "StallThresholdSeconds") ?? defaults.StallThreshold,
            StallCheckInterval = Seconds(section, "StallCheckSeconds") ?? defaults.StallCheckInterval,
            RetryBaseDelay = Seconds(section, "RetryBaseDelaySeconds") ?? defaults.RetryBaseDelay,
            ExecutionGroupLimits = section.GetSection("ExecutionGroupLimits").GetChildren()
                .Where(c => int.TryParse(c.Value, CultureInfo.InvariantCulture, out _))
                .ToDictionary(c => c.Key, c => int.Parse(c.Value!, CultureInfo.InvariantCulture)),
            MaxConcurrency = int.TryParse(section["MaxConcurrency"], CultureInfo.InvariantCulture, out int n) && n > 0 ? n : defaults.MaxConcurrency,
        };
    }

    private static TimeSpan? Seconds(IConfiguration section, string key) =>
        double.TryParse(section[key], NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 0 ? TimeSpan.FromSeconds(s) : null;
}
