namespace LossSearch.Learning.Losses;

/// <summary>
/// The published rejection and flip rules on a probe curve (loss against p for y = [0, 1],
/// yhat = [p, 1 − p]). A difference counts as zero when it is exactly zero, as in the float32
/// probe of the original code.
/// </summary>
public static class CurveRules
{
    /// <summary>More successive zero differences than this reject the curve.</summary>
    public const int MaxFlatRun = 10;

    public static CurveVerdict Judge(ReadOnlySpan<double> curve)
    {
        int n = curve.Length;
        for (int i = 0; i < n; i++)
            if (!double.IsFinite(curve[i]))
                return new(IntegrityRule.NonFiniteValue, $"the probe curve is {curve[i]} at index {i}", false);
        if (n < 2)
            return new(IntegrityRule.Constant, "the probe curve has fewer than two points", false);

        int zeroRun = 0, longestZeroRun = 0, zeroRunEnd = 0, changes = 0, firstSign = 0, lastSign = 0;
        for (int i = 0; i + 1 < n; i++)
        {
            double d = curve[i + 1] - curve[i];
            if (d == 0)
            {
                if (++zeroRun > longestZeroRun)
                    (longestZeroRun, zeroRunEnd) = (zeroRun, i);
                continue;
            }
            zeroRun = 0;
            int sign = Math.Sign(d);
            if (firstSign == 0)
                firstSign = sign;
            else if (sign != lastSign)
                changes++;
            lastSign = sign;
        }
        if (firstSign == 0)
            return new(IntegrityRule.Constant, "the probe curve is constant", false);
        if (longestZeroRun > MaxFlatRun)
            return new(IntegrityRule.FlatRun,
                $"{longestZeroRun} successive differences are zero (indices {zeroRunEnd - longestZeroRun + 1}–{zeroRunEnd}); at most {MaxFlatRun} are allowed", false);

        int argMin = 0, argMax = 0;
        for (int i = 1; i < n; i++)
        {
            if (curve[i] < curve[argMin]) argMin = i;
            if (curve[i] > curve[argMax]) argMax = i;
        }
        int centreFrom = n * 49 / 100, centreTo = n * 51 / 100;
        if (argMin >= centreFrom && argMin <= centreTo)
            return new(IntegrityRule.ExtremumAtCentre, $"the minimum lies at index {argMin}, inside the centre {centreFrom}–{centreTo}", false);
        if (argMax >= centreFrom && argMax <= centreTo)
            return new(IntegrityRule.ExtremumAtCentre, $"the maximum lies at index {argMax}, inside the centre {centreFrom}–{centreTo}", false);

        if (changes > 1)
            return new(IntegrityRule.DirectionChanges, $"the probe curve changes direction {changes} times; at most once is allowed", false);
        bool decreasing = changes == 0 && firstSign < 0;
        bool upsideDownParabola = changes == 1 && firstSign > 0;
        return new(IntegrityRule.None, "", decreasing || upsideDownParabola);
    }
}
