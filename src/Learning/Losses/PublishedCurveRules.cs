namespace LossSearch.Learning.Losses;

/// <summary>
/// The curve rules exactly as the predecessor's <c>check_integrity</c> counts them:
/// <list type="bullet">
/// <item>reject when the first minimum or first maximum lies at index 490–509 (Python's <c>range(490, 510)</c>);</item>
/// <item>a strictly monotone curve passes (decreasing ones are flipped);</item>
/// <item>otherwise reject when more than 10 differences are zero in all, wherever they lie;</item>
/// <item>each zero difference takes the sign before it (cyclically), and the curve is rejected when
/// the signs change more than twice counted around the circle (<c>np.roll</c>): one turn counts 2,
/// and so does down–up–down.</item>
/// </list>
/// Orientation: a falling curve that never turns, and a curve that rises first and then turns, are
/// flipped (as ours). The predecessor looked at the third sign instead, which flips a non-strictly
/// increasing curve and keeps a non-strictly decreasing one; we do not copy that.
/// </summary>
public static class PublishedCurveRules
{
    public const int CentreFrom = 490, CentreToExclusive = 510, MaxZeroDifferences = 10, MaxCyclicSignChanges = 2;

    public static CurveVerdict Judge(ReadOnlySpan<double> curve)
    {
        int n = curve.Length;
        for (int i = 0; i < n; i++)
            if (!double.IsFinite(curve[i]))
                return new(IntegrityRule.NonFiniteValue, $"the probe curve is {curve[i]} at index {i}", false);
        if (n < 2)
            return new(IntegrityRule.Constant, "the probe curve has fewer than two points", false);

        int argMin = 0, argMax = 0;
        for (int i = 1; i < n; i++)
        {
            if (curve[i] < curve[argMin]) argMin = i;
            if (curve[i] > curve[argMax]) argMax = i;
        }
        if (argMin is >= CentreFrom and < CentreToExclusive)
            return new(IntegrityRule.ExtremumAtCentre, $"the minimum lies at index {argMin}, inside {CentreFrom}–{CentreToExclusive - 1}", false);
        if (argMax is >= CentreFrom and < CentreToExclusive)
            return new(IntegrityRule.ExtremumAtCentre, $"the maximum lies at index {argMax}, inside {CentreFrom}–{CentreToExclusive - 1}", false);

        var signs = new int[n - 1];
        int zeros = 0;
        for (int i = 0; i < signs.Length; i++)
        {
            signs[i] = Math.Sign(curve[i + 1] - curve[i]);
            if (signs[i] == 0) zeros++;
        }
        if (zeros == 0 && signs.All(s => s < 0)) return new(IntegrityRule.None, "", true);
        if (zeros == 0 && signs.All(s => s > 0)) return new(IntegrityRule.None, "", false);
        if (zeros == signs.Length) return new(IntegrityRule.Constant, "the probe curve is constant", false);
        if (zeros > MaxZeroDifferences)
            return new(IntegrityRule.FlatRun, $"{zeros} differences are zero; at most {MaxZeroDifferences} are allowed", false);

        FillZerosFromThePrevious(signs);
        int changes = 0;
        for (int i = 0; i < signs.Length; i++)
            if (signs[i] != signs[(i + signs.Length - 1) % signs.Length]) changes++;
        if (changes > MaxCyclicSignChanges)
            return new(IntegrityRule.DirectionChanges, $"the signs of the differences change {changes} times counted cyclically; at most {MaxCyclicSignChanges} are allowed", false);

        int firstSign = signs[0], turns = 0;
        for (int i = 1; i < signs.Length; i++)
            if (signs[i] != signs[i - 1]) turns++;
        bool flip = firstSign > 0 ? turns >= 1 : turns == 0;
        return new(IntegrityRule.None, "", flip);
    }

    /// <summary><c>t[sz] = np.roll(t, 1)[sz]</c> until no zero is left: each zero takes the sign before it, index 0 the last one.</summary>
    private static void FillZerosFromThePrevious(int[] signs)
    {
        while (signs.Contains(0))
        {
            var before = (int[])signs.Clone();
            for (int i = 0; i < signs.Length; i++)
                if (signs[i] == 0) signs[i] = before[(i + signs.Length - 1) % signs.Length];
        }
    }
}
