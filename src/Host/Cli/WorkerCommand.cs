using System.CommandLine;
using LossSearch.Host.Engine;
using LossSearch.Workflows;
using Serilog.Extensions.Logging;

namespace LossSearch.Host.Cli;

/// <summary><c>losssearch worker</c>: a node of the cluster without the REST API; it runs the work items its gpu slots allow until stopped.</summary>
public static class WorkerCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("worker", "Run a node without the REST API: take queued activities and work items until stopped (Ctrl-C hands running ones back).")
        {
            EngineOptions.Store, EngineOptions.Database, EngineOptions.Artifacts, EngineOptions.GpuSlots,
        };
        runner.Bind(command, async (context, cancellation) =>
        {
            var options = EngineOptions.From(context);
            await using var engine = await WorkflowEngine.StartAsync(options, EngineSetup.Registry(), context.Logger,
                quartzLogging: new SerilogLoggerFactory(context.Logger), cancellation: cancellation);
            int slots = options.ExecutionGroupLimits.GetValueOrDefault(EngineSetup.GpuGroup);
            context.Logger.Information("Worker {Node} on {Store} with {Slots} gpu slots; artifacts in {Artifacts}", engine.NodeId, options.Store, slots, options.ArtifactsDirectory);
            // The node id on stdout: the journal names nodes by it ("WorkItemStarted #3 … on NODE").
            await context.Output.WriteLineAsync($"worker node {engine.NodeId}: {slots} gpu slots on {options.Store}");
            await context.Output.FlushAsync(cancellation);
            try { await Task.Delay(Timeout.Infinite, cancellation); }
            catch (OperationCanceledException) { }
            return ExitCodes.Success;
        });
        return command;
    }
}
