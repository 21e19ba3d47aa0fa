namespace LossSearch.Workflows.Definitions;

/// <summary>A definition (or a trigger's input overrides) that cannot run; every error names its JSON path.</summary>
public sealed class WorkflowValidationException(IReadOnlyList<ValidationError> errors)
    : Exception(string.Join("; ", errors))
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}
