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

    /// <summary>
    /// Checks across inputs that the descriptors' choices and ranges cannot express (e.g. a sample no
    /// larger than the population), before anything is stored. The engine calls it on a fresh instance
    /// whose literal (and overridden) inputs are set; <paramref name="unknown"/> holds the inputs whose
    /// values are not known yet (references to earlier outputs), which the hook must not judge.
    /// </summary>
    public virtual IEnumerable<InputProblem> Validate(IReadOnlySet<string> unknown) => [];
}
