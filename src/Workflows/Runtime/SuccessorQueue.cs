using LossSearch.Workflows.Definitions;
using Serilog;

namespace LossSearch.Workflows.Runtime;

/// <summary>Queues the activities a stored completion made ready.</summary>
internal static class SuccessorQueue
{
    /// <summary>
    /// The completion is already stored, so a failure here is not the activity's: it is logged, and
    /// the <see cref="Dispatcher"/> queues what is still missing on its next rounds.
    /// </summary>
    public static async Task QueueAsync(EngineRuntime runtime, ActivityScheduler scheduler, string instanceId, WorkflowDefinition definition, IReadOnlyList<string> ready, ILogger logger)
    {
        try
        {
            foreach (var next in ready)
                await scheduler.ScheduleAsync(instanceId, next, runtime.ExecutionGroupOf(definition, next), cancellation: CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.Error(e, "Queueing {Activities} after a completion failed; the dispatcher queues them", ready);
        }
    }
}
