using LossSearch.Learning.Losses;

namespace LossSearch.Learning.Tests.Losses;

public class IntegrityCheckTests
{
    private static IntegrityVerdict Check(string text) => IntegrityCheck.Check(LossParser.Parse(text));

    [Fact]
    public void CrossEntropyIsValidAndNotFlipped()
    {
        var verdict = Check("-(y * log(yhat))");
        Assert.True(verdict.Valid);
        Assert.False(verdict.Flipped);
        Assert.Equal(IntegrityRule.None, verdict.Rule);
        Assert.Equal("", verdict.Reason);
        Assert.Equal(IntegrityCheck.ProbePoints, verdict.Phenotype!.Values.Count);
    }

    [Fact]
    public void NegatedCrossEntropyIsFlippedBackWithTheSamePhenotype()
    {
        var ce = Check("-(y * log(yhat))");
        var negated = Check("y * log(yhat)");
        Assert.True(negated.Valid);
        Assert.True(negated.Flipped);
        Assert.Equal("flip: y * log(yhat)", negated.Expression.ToString());
        Assert.True(ce.Phenotype!.DistanceTo(negated.Phenotype!) < 1e-9);
        // Checking the flipped form again keeps it.
        Assert.False(IntegrityCheck.Check(negated.Expression).Flipped);
    }

    [Fact]
    public void ProbeCurveIsTheLossOfEachProbeRow()
    {
        // y = [0, 1], yhat = [p, 1 − p]: −Σ y ln(ŷ + ε) = −ln(1 − p + ε).
        var curve = IntegrityCheck.ProbeCurve(LossCatalog.Resolve("cross-entropy"));
        Assert.Equal(1000, curve.Length);
        double p = 0.25 * (1 - 2e-7) + 1e-7;
        double expected = -Math.Log(1 - p + 1e-7);
        double interpolated = curve[249] + (curve[250] - curve[249]) * (0.25 * 999 - 249);
        Assert.Equal(expected, interpolated, 3);
    }

    [Fact]
    public void InfiniteGradientOnTheProbeIsRejected()
    {
        // √|y·ŷ| has an infinite slope where y = 0.
        var verdict = Check("sqrt(y * yhat)");
        Assert.False(verdict.Valid);
        Assert.Equal(IntegrityRule.NonFiniteGradient, verdict.Rule);
    }

    [Fact]
    public void OverflowOnTheProbeIsRejectedNotThrown()
    {
        var verdict = Check("exp(exp(exp(recip(yhat)))) * y");
        Assert.False(verdict.Valid);
        Assert.Equal(IntegrityRule.NonFiniteValue, verdict.Rule);
    }

    [Fact]
    public void OverflowOnlyOnMixedTargetsIsRejectedByTheRandomBatch()
    {
        // y − 0.3 is zero only for the mixed targets of the random batch, never on the probe's 0/1 targets.
        var verdict = Check("exp(recip(y - 0.3)) * yhat");
        Assert.False(verdict.Valid);
        Assert.Equal(IntegrityRule.NonFiniteOnBatch, verdict.Rule);
    }

    [Fact]
    public void StructuralProblemsAreRejected()
    {
        var verdict = Check("log(yhat)");
        Assert.False(verdict.Valid);
        Assert.Equal(IntegrityRule.Structure, verdict.Rule);
        Assert.Contains("never uses y", verdict.Reason);
    }

    [Fact]
    public void SymmetricLossIsRejectedForItsCentreExtremum()
    {
        // ŷ₀·ŷ₁ = p(1 − p) peaks at p = ½.
        var verdict = Check("y * yhat + (1 - y) * yhat * yhat");
        Assert.False(verdict.Valid);
    }
}
