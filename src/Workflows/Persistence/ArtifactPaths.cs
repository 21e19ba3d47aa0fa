namespace LossSearch.Workflows.Persistence;

/// <summary>
/// Checkpoint and artifact folders are stored relative to the artifacts root and resolved against
/// this node's root when used, so a moved project folder, or a shared folder mounted at different
/// paths on different nodes, still finds every checkpoint. Rows written before this rule (absolute
/// paths) resolve to themselves.
/// </summary>
public sealed class ArtifactPaths(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public static string OfInstance(string instanceId) => instanceId;

    public static string OfActivity(string instanceId, string activityId) => Path.Combine(instanceId, activityId);

    public string Resolve(string stored) => Path.GetFullPath(Path.Combine(Root, stored));
}
