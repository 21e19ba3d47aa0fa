namespace LossSearch.Workflows.Activities;

/// <summary>An extra check of input values, e.g. a server's data roots and size limits; the engine itself has none.</summary>
public interface IInputPolicy
{
    /// <summary>Null when <paramref name="value"/> (already converted, possibly a list) is allowed, otherwise why not.</summary>
    string? Check(InputDescriptor input, object value);
}
