using LossSearch.Workflows.Activities;
using LossSearch.Workflows.Definitions;
using LossSearch.Workflows.Persistence;

namespace LossSearch.Workflows.Runtime;

/// <summary>An activity of an instance, created and with its inputs bound, as every job that runs part of it needs it.</summary>
internal sealed record BoundActivity(WorkflowDefinition Definition, ActivityDescriptor Descriptor, Activity Activity)
{
    public static async Task<BoundActivity> CreateAsync(EngineRuntime runtime, InstanceRecord instance, string activityId)
    {
        var definition = await runtime.Definitions.GetVersionAsync(instance.DefinitionId, instance.DefinitionVersion, CancellationToken.None);
        var node = definition.Root.Activities.First(a => a.Id == activityId);
        var descriptor = runtime.Registry.Find(node.Type)
            ?? throw new InvalidOperationException($"activity type '{node.Type}' is not registered in this process");
        var activity = runtime.Registry.Create(descriptor);
        var outputsOf = await runtime.Store.OutputsAsync(instance.Id, CancellationToken.None);
        InputBinder.Bind(activity, descriptor, node, InputOverrides.FromJson(instance.OverridesJson), outputsOf);
        return new BoundActivity(definition, descriptor, activity);
    }
}
