namespace LossSearch.Workflows.Definitions;

/// <summary>One problem with a definition, located by its JSON path (e.g. <c>$.root.activities[1].inputs.steps</c>).</summary>
public sealed record ValidationError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
