using LossSearch.Learning;
using LossSearch.Workflows.Activities;

namespace LossSearch.Activities.Choices;

/// <summary>
/// Choices taken from one of Learning's catalogues. Closed choices accept exactly their values;
/// open ones hand anything else to <see cref="CheckOther"/>, which the catalogue's own parser backs.
/// </summary>
public abstract class CatalogChoices(IReadOnlyList<string> values, bool open) : IInputChoices
{
    public IReadOnlyList<string> Values { get; } = values;
    public bool Open { get; } = open;

    public string? Check(string value)
    {
        if (Values.Contains(value, StringComparer.Ordinal)) return null;
        if (!Open) return $"'{value}' is not one of the choices";
        try { return CheckOther(value); }
        catch (InvalidInputException e) { return e.Message; }
    }

    /// <summary>Null when a value outside <see cref="Values"/> is valid; may throw <see cref="InvalidInputException"/> instead of returning why not.</summary>
    protected virtual string? CheckOther(string value) => $"'{value}' is not one of the choices";
}
