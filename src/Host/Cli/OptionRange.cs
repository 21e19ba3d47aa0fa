using System.Globalization;
using LossSearch.Learning;

namespace LossSearch.Host.Cli;

/// <summary>A numeric option's allowed range; a value outside it (or not finite) is bad input naming the option.</summary>
public sealed record OptionRange(double? Minimum = null, double? Maximum = null, bool ExclusiveMinimum = false, bool ExclusiveMaximum = false)
{
    public static readonly OptionRange Positive = new(0, ExclusiveMinimum: true);
    public static readonly OptionRange NonNegative = new(0);
    public static readonly OptionRange Fraction = new(0, 1, ExclusiveMaximum: true);

    /// <summary>libtorch CPU threads: 0 keeps libtorch's default; more than 1,024 is a typo, not a machine.</summary>
    public static readonly OptionRange Threads = new(0, 1024);

    /// <summary>Images per batch of a bench: a larger batch is an allocation failure, not a measurement.</summary>
    public static readonly OptionRange BenchBatch = new(1, 8192);

    /// <summary>Image sides: 8 px (the smallest any network reduces to a feature map) to 2,048 px (memory grows with the square).</summary>
    public static readonly OptionRange ImageSide = new(8, 2048);

    public static OptionRange AtLeast(double minimum) => new(minimum);

    /// <summary>Throws <see cref="InvalidInputException"/> (exit 2) when <paramref name="value"/> is set and outside the range.</summary>
    public void Check(string option, double? value)
    {
        if (value is not double v) return;
        if (!double.IsFinite(v)) throw new InvalidInputException($"{option}: {Format(v)} is not a finite number.");
        bool above = Minimum is not double min || (ExclusiveMinimum ? v > min : v >= min);
        bool below = Maximum is not double max || (ExclusiveMaximum ? v < max : v <= max);
        if (!above || !below) throw new InvalidInputException($"{option}: {Format(v)} must be {Describe()}.");
    }

    public string Describe() => (Minimum, Maximum) switch
    {
        (double min, double max) => $"in {(ExclusiveMinimum ? "(" : "[")}{Format(min)}, {Format(max)}{(ExclusiveMaximum ? ")" : "]")}",
        (double min, null) => $"{(ExclusiveMinimum ? ">" : "≥")} {Format(min)}",
        (null, double max) => $"{(ExclusiveMaximum ? "<" : "≤")} {Format(max)}",
        _ => "finite",
    };

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
