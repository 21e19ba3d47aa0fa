using LossSearch.Workflows;
using Microsoft.Extensions.Hosting;
using Serilog.Extensions.Logging;
using ILogger = Serilog.ILogger;

namespace LossSearch.Host.Engine;

/// <summary>Starts the workflow engine with the web server and stops it (handing running activities back for recovery) with it.</summary>
public sealed class EngineHostedService(WorkflowEngineOptions options, ILogger logger) : IHostedService
{
    private WorkflowEngine? _engine;

    public WorkflowEngine Engine => _engine ?? throw new InvalidOperationException("The workflow engine has not started.");

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _engine = await WorkflowEngine.StartAsync(options, EngineSetup.Registry(), logger, quartzLogging: new SerilogLoggerFactory(logger), cancellation: cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_engine is not null) await _engine.DisposeAsync();
    }
}
