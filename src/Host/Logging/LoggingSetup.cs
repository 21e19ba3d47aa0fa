using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;
using LossSearch.Workflows.Logging;

namespace LossSearch.Host.Logging;

/// <summary>
/// The single Serilog configuration for the CLI and for <c>serve</c>: human-readable console on
/// stderr (stdout stays free for results and <c>--json</c>), rolling compact-JSON files under the
/// logs folder, and Seq when <c>Serilog:Seq:ServerUrl</c> or <c>SEQ_URL</c> is set.
/// </summary>
public static class LoggingSetup
{
    public const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}]{Scope} {Message:lj}{NewLine}{Exception}";

    public static Logger CreateLogger(IConfiguration configuration, bool verbose)
    {
        string logs = LogsDirectory(configuration);
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Information)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.With<WorkflowScopeEnricher>()
            .WriteTo.Console(
                outputTemplate: ConsoleTemplate,
                restrictedToMinimumLevel: verbose ? LogEventLevel.Debug : LogEventLevel.Warning,
                standardErrorFromLevel: LogEventLevel.Verbose)
            .WriteTo.File(new CompactJsonFormatter(), Path.Combine(logs, "losssearch-.clef"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31, shared: true);

        string? seq = configuration["Serilog:Seq:ServerUrl"] ?? configuration["SEQ_URL"];
        if (!string.IsNullOrWhiteSpace(seq))
            config = config.WriteTo.Seq(seq, apiKey: configuration["Serilog:Seq:ApiKey"]);
        return config.CreateLogger();
    }

    /// <summary><c>Logging:Directory</c> (or <c>LOSSSEARCH_LOGS</c>), else <c>logs/</c> under the working directory.</summary>
    public static string LogsDirectory(IConfiguration configuration) =>
        Path.GetFullPath(configuration["Logging:Directory"] ?? configuration["LOSSSEARCH_LOGS"] ?? "logs");

    /// <summary>Adds a <c>Scope</c> property (" instance/activity") when the log context carries workflow ids.</summary>
    private sealed class WorkflowScopeEnricher : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory factory)
        {
            string scope = "";
            if (logEvent.Properties.TryGetValue(WorkflowLogProperties.InstanceId, out var instance))
            {
                scope = " " + Plain(instance);
                if (logEvent.Properties.TryGetValue(WorkflowLogProperties.ActivityId, out var activity))
                    scope += "/" + Plain(activity);
            }
            logEvent.AddPropertyIfAbsent(factory.CreateProperty("Scope", scope));
        }

        private static string Plain(LogEventPropertyValue value) =>
            value is ScalarValue { Value: { } v } ? v.ToString() ?? "" : value.ToString();
    }
}
