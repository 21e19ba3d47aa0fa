using LossSearch.Workflows.Logging;
using LossSearch.Workflows.Persistence;
using Serilog;
using Serilog.Context;

namespace LossSearch.Workflows.Runtime;

/// <summary>The instance, definition, activity, attempt (and work item) ids on a job's logger and in the log context while it runs.</summary>
internal sealed class JobLogScope : IDisposable
{
    private readonly IDisposable[] _pushed;

    public JobLogScope(ILogger root, InstanceRecord instance, string activityId, int attempt, int? workItem = null)
    {
        var properties = new List<(string Name, object Value)>
        {
            (WorkflowLogProperties.InstanceId, instance.Id), (WorkflowLogProperties.ActivityId, activityId),
            (WorkflowLogProperties.DefinitionId, instance.DefinitionId), (WorkflowLogProperties.DefinitionVersion, instance.DefinitionVersion),
            (WorkflowLogProperties.Attempt, attempt),
        };
        if (workItem is int index) properties.Add((WorkflowLogProperties.WorkItem, index));
        _pushed = properties.Select(p => LogContext.PushProperty(p.Name, p.Value)).ToArray();
        Logger = properties.Aggregate(root, (logger, p) => logger.ForContext(p.Name, p.Value));
    }

    public ILogger Logger { get; }

    public void Dispose()
    {
        foreach (var pushed in _pushed.Reverse()) pushed.Dispose();
    }
}
