namespace LossSearch.Workflows.Activities;

/// <summary>Declares a settable public property as an activity input.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class InputAttribute : Attribute
{
    /// <summary>The input's name in definitions; camelCase of the property name when not set.</summary>
    public string? Name { get; init; }
    public string Description { get; init; } = "";
    /// <summary>Required inputs have no default: a definition must give them a literal or a reference.</summary>
    public bool Required { get; init; }
    /// <summary>A hint for the designer's property panel, e.g. <c>multiline</c>, <c>dropdown</c>, <c>json</c>.</summary>
    public string? UIHint { get; init; }

    /// <summary>What the value names (a path, a dataset spec, an image side), for a server's <see cref="IInputPolicy"/>.</summary>
    public InputKind Kind { get; init; }

    /// <summary>An <see cref="IInputChoices"/> type: the values a string input, or each string of a list input, may take.</summary>
    public Type? Choices { get; init; }

    /// <summary>The smallest value of a number input, or of each number of a list input; NaN when unbounded.</summary>
    public double Minimum { get; init; } = double.NaN;
    /// <summary>The largest value of a number input, or of each number of a list input; NaN when unbounded.</summary>
    public double Maximum { get; init; } = double.NaN;
    /// <summary>The value must be above <see cref="Minimum"/>, not equal to it (e.g. a learning rate above 0).</summary>
    public bool ExclusiveMinimum { get; init; }
    /// <summary>The value must be below <see cref="Maximum"/>, not equal to it (e.g. a dropout below 1).</summary>
    public bool ExclusiveMaximum { get; init; }
}
