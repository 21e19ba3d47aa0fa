using System.Collections;
using System.Globalization;

namespace LossSearch.Workflows.Activities;

/// <summary>
/// Checks a converted input value against its descriptor's choices, minimum and maximum. A list's
/// items are checked one by one; numbers must be finite whether or not the input is bounded.
/// </summary>
public static class InputRules
{
    /// <summary>Null when <paramref name="value"/> follows the rules, otherwise why not (with the allowed values).</summary>
    public static string? Check(InputDescriptor input, object? value) => value switch
    {
        null => null,
        string text => CheckText(input, text),
        IEnumerable items and not IDictionary => CheckItems(input, items),
        _ => AsNumber(value) is { } number ? CheckNumber(input, number) : null,
    };

    private static string? CheckItems(InputDescriptor input, IEnumerable items)
    {
        int index = 0;
        foreach (var item in items)
        {
            var problem = item is string or null || AsNumber(item) is not null ? Check(input, item) : null;
            if (problem is not null) return $"item {index}: {problem}";
            index++;
        }
        return null;
    }

    private static string? CheckText(InputDescriptor input, string text)
    {
        if (input.ChoiceRule is not { } choices) return null;
        var problem = choices.Check(text);
        if (problem is null) return null;
        return $"{problem}; allowed: {string.Join(", ", choices.Values)}{(choices.Open ? " (and the forms described)" : "")}";
    }

    private static string? CheckNumber(InputDescriptor input, double number)
    {
        if (!double.IsFinite(number)) return $"{Format(number)} is not a finite number";
        bool aboveMinimum = input.Minimum is not { } min || (input.ExclusiveMinimum ? number > min : number >= min);
        bool belowMaximum = input.Maximum is not { } max || (input.ExclusiveMaximum ? number < max : number <= max);
        return aboveMinimum && belowMaximum ? null : $"{Format(number)} must be {Range(input)}";
    }

    /// <summary>The allowed range in words, e.g. <c>in [0, 1)</c> or <c>≥ 1</c>.</summary>
    public static string Range(InputDescriptor input) => (input.Minimum, input.Maximum) switch
    {
        ({ } min, { } max) => $"in {(input.ExclusiveMinimum ? "(" : "[")}{Format(min)}, {Format(max)}{(input.ExclusiveMaximum ? ")" : "]")}",
        ({ } min, null) => $"{(input.ExclusiveMinimum ? ">" : "≥")} {Format(min)}",
        (null, { } max) => $"{(input.ExclusiveMaximum ? "<" : "≤")} {Format(max)}",
        _ => "finite",
    };

    private static double? AsNumber(object value) => value switch
    {
        int i => i,
        long l => l,
        short s => s,
        byte b => b,
        double d => d,
        float f => f,
        decimal m => (double)m,
        _ => null,
    };

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
