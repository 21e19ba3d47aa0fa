using LossSearch.Workflows.Persistence;
using LossSearch.Workflows.Activities;
using LossSearch.Workflows.Definitions;
using Serilog;

namespace LossSearch.Workflows.Tests.Support;

/// <summary>A fresh database and artifacts folder per test, with thresholds short enough to run in seconds.</summary>
public sealed class EngineFixture : IDisposable
{
    public EngineFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "losssearch-workflow-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Options = new WorkflowEngineOptions
        {
            DatabasePath = Path.Combine(Root, "engine.db"),
            ArtifactsDirectory = Path.Combine(Root, "artifacts"),
            StallThreshold = TimeSpan.FromSeconds(2),
            StallCheckInterval = TimeSpan.FromMilliseconds(500),
            DispatchInterval = TimeSpan.FromMilliseconds(500),
            MinHeartbeatInterval = TimeSpan.FromMilliseconds(50),
            RetryBaseDelay = TimeSpan.FromMilliseconds(100),
            ClusterCheckinInterval = TimeSpan.FromSeconds(1),
            ClusterCheckinMisfireThreshold = TimeSpan.FromSeconds(2),
            ClusterPollInterval = TimeSpan.FromSeconds(1),
        };
    }

    public string Root { get; }
    public WorkflowEngineOptions Options { get; private set; }

    /// <summary>Puts this test's store on <paramref name="store"/> (<see cref="Stores"/>): its SQLite file, or a fresh PostgreSQL database.</summary>
    public WorkflowEngineOptions Use(string store)
    {
        if (store == Stores.PostgreSql) Options = Options with { Store = StoreLocation.Parse(PostgreSqlServer.Shared.CreateDatabase()) };
        return Options;
    }

    public static ActivityRegistry Registry() => ActivityRegistry.WithBuiltIns().AddFrom(typeof(EngineFixture).Assembly);

    public Task<WorkflowEngine> StartAsync(WorkflowEngineOptions? options = null) =>
        WorkflowEngine.StartAsync(options ?? Options, Registry(), new LoggerConfiguration().CreateLogger());

    public static WorkflowDefinition Parse(string json) => DefinitionJson.Parse(json);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
