using System.Security.Cryptography;

namespace LossSearch.Learning.Losses;

/// <summary>
/// What a loss does, independent of how it is written: its integrity-probe curve, min-max
/// normalised to [0, 1]. Two losses whose phenotypes lie within L2 distance
/// <see cref="DuplicateDistance"/> count as duplicates.
/// </summary>
public sealed class Phenotype
{
    public const double DuplicateDistance = 0.01;

    /// <summary>Resolution of the values behind <see cref="Hash"/>.</summary>
    public const double HashResolution = 1e-4;

    private readonly double[] _values;

    private Phenotype(double[] values)
    {
        _values = values;
        Hash = ComputeHash(values);
    }

    public IReadOnlyList<double> Values => _values;

    /// <summary>
    /// Hex key of the values rounded to <see cref="HashResolution"/>: equal hashes mean a duplicate
    /// (for 1000 points the L2 distance is then below 0.0016); different hashes decide nothing.
    /// </summary>
    public string Hash { get; }

    /// <summary>Normalises a finite curve; a constant curve maps to all zeros.</summary>
    public static Phenotype FromCurve(ReadOnlySpan<double> curve)
    {
        if (curve.Length == 0)
            throw new ArgumentException("a phenotype needs at least one point", nameof(curve));
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in curve)
        {
            if (!double.IsFinite(v))
                throw new ArgumentException("a phenotype needs a finite curve", nameof(curve));
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        double range = max - min;
        var values = new double[curve.Length];
        for (int i = 0; i < curve.Length; i++)
            values[i] = range > 0 ? (curve[i] - min) / range : 0;
        return new Phenotype(values);
    }

    public double DistanceTo(Phenotype other)
    {
        if (other._values.Length != _values.Length)
            throw new ArgumentException($"phenotypes of {_values.Length} and {other._values.Length} points cannot be compared");
        double sum = 0;
        for (int i = 0; i < _values.Length; i++)
        {
            double d = _values[i] - other._values[i];
            sum += d * d;
        }
        return Math.Sqrt(sum);
    }

    private static string ComputeHash(double[] values)
    {
        var quantised = new byte[values.Length * sizeof(int)];
        for (int i = 0; i < values.Length; i++)
            BitConverter.TryWriteBytes(quantised.AsSpan(i * sizeof(int)), (int)Math.Round(values[i] / HashResolution));
        return Convert.ToHexStringLower(SHA256.HashData(quantised).AsSpan(0, 16));
    }
}
