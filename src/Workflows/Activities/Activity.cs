namespace LossSearch.Workflows.Activities;

/// <summary>
/// An activity: a small class whose <see cref="InputAttribute"/> properties are set before
/// <see cref="ExecuteAsync"/> runs and whose <see cref="OutputAttribute"/> properties are read after.
/// Long work reports progress through the context (which also heartbeats), honours the context's
/// cancellation token, and keeps whatever it needs to resume in <see cref="ActivityContext.CheckpointDirectory"/>.
/// </summary>
public abstract class Activity
{
    public abstract Task ExecuteAsync(ActivityContext context);
}
