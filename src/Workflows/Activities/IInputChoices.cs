namespace LossSearch.Workflows.Activities;

/// <summary>
/// The values an input (or each item of a list input) may take, supplied by the activity library
/// that owns the catalogue (augmentations, losses, models, ...) so that the engine does not depend
/// on it. Named by <see cref="InputAttribute.Choices"/>; the type needs a public parameterless constructor.
/// </summary>
public interface IInputChoices
{
    /// <summary>The values the designer offers, in the order it shows them.</summary>
    IReadOnlyList<string> Values { get; }

    /// <summary>
    /// True when values of a documented form outside <see cref="Values"/> are valid too, e.g. a loss
    /// expression besides the named losses, <c>cutout?size=8</c> besides <c>cutout</c>, or <c>cuda:1</c>.
    /// </summary>
    bool Open { get; }

    /// <summary>Null when <paramref name="value"/> is accepted, otherwise why not (the allowed values are added by the caller).</summary>
    string? Check(string value);
}
