using System.Text.Json;

namespace LossSearch.Workflows.Activities;

/// <summary>
/// An activity whose work splits into independent items (a search per augmentation and seed, a grid
/// unit). The engine runs each item as its own durable Quartz job in the activity's execution group,
/// so every node with a free slot takes some, and a node's death costs only its items, which another
/// node recovers from their checkpoints. When all items are done, <see cref="Gather"/> sets the
/// outputs from their results in <see cref="WorkItems"/> order, so the outputs do not depend on which
/// node ran what, or when.
/// </summary>
public abstract class FanOutActivity : Activity
{
    /// <summary>Labels of the work items, in the fixed order of gathering; called after inputs are bound.</summary>
    public abstract IReadOnlyList<string> WorkItems();

    /// <summary>Checks made once, before any item runs (settings, files); a failure faults the activity.</summary>
    public virtual void Validate(ActivityContext context) { }

    /// <summary>
    /// Runs item <paramref name="index"/>, continuing from its checkpoint (under
    /// <see cref="ActivityContext.CheckpointDirectory"/>, in a folder of its own), and returns its result.
    /// </summary>
    public abstract Task<JsonElement> RunWorkItemAsync(int index, ActivityContext context);

    /// <summary>Sets the outputs from every item's result, in <see cref="WorkItems"/> order.</summary>
    public abstract void Gather(IReadOnlyList<JsonElement> results);

    /// <summary>Every item in turn in this process, then the gathering: what the engine does spread over nodes.</summary>
    public override async Task ExecuteAsync(ActivityContext context)
    {
        Validate(context);
        var items = WorkItems();
        var results = new List<JsonElement>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            results.Add(await RunWorkItemAsync(i, context));
        }
        Gather(results);
    }
}
