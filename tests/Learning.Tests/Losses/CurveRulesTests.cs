using LossSearch.Learning.Losses;

namespace LossSearch.Learning.Tests.Losses;

/// <summary>The published rules on hand-built 1000-point curves.</summary>
public class CurveRulesTests
{
    private static double[] Curve(Func<double, double> f) =>
        Enumerable.Range(0, 1000).Select(i => f(i / 999.0)).ToArray();

    [Fact]
    public void IncreasingCurveIsValidAndKept() =>
        Assert.Equal(new CurveVerdict(IntegrityRule.None, "", false), CurveRules.Judge(Curve(p => p * p + p)));

    [Fact]
    public void DecreasingCurveIsFlipped() =>
        Assert.Equal(new CurveVerdict(IntegrityRule.None, "", true), CurveRules.Judge(Curve(p => -Math.Log(p + 0.01))));

    [Fact]
    public void UpsideDownParabolaIsFlippedAndUprightOneKept()
    {
        Assert.True(CurveRules.Judge(Curve(p => -(p - 0.2) * (p - 0.2))).Flip);
        var upright = CurveRules.Judge(Curve(p => (p - 0.2) * (p - 0.2)));
        Assert.True(upright.Valid);
        Assert.False(upright.Flip);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.491)]
    [InlineData(0.51)]
    public void MinimumOrMaximumAtTheCentreIsRejected(double centre)
    {
        Assert.Equal(IntegrityRule.ExtremumAtCentre, CurveRules.Judge(Curve(p => (p - centre) * (p - centre))).Rule);
        Assert.Equal(IntegrityRule.ExtremumAtCentre, CurveRules.Judge(Curve(p => -(p - centre) * (p - centre))).Rule);
    }

    [Fact]
    public void ExtremumJustOutsideTheCentreIsAccepted() =>
        Assert.True(CurveRules.Judge(Curve(p => (p - 0.48) * (p - 0.48))).Valid);

    [Fact]
    public void ConstantCurveIsRejected() =>
        Assert.Equal(IntegrityRule.Constant, CurveRules.Judge(Curve(_ => 3)).Rule);

    [Fact]
    public void MoreThanTenSuccessiveZeroDifferencesAreRejectedTenAreNot()
    {
        double[] WithPlateau(int zeroDifferences)
        {
            var curve = Curve(p => p);
            for (int i = 101; i <= 100 + zeroDifferences; i++)
                curve[i] = curve[100];
            for (int i = 101 + zeroDifferences; i < curve.Length; i++)
                curve[i] = curve[i] + 1; // keep increasing after the plateau
            return curve;
        }
        Assert.True(CurveRules.Judge(WithPlateau(10)).Valid);
        Assert.Equal(IntegrityRule.FlatRun, CurveRules.Judge(WithPlateau(11)).Rule);
    }

    [Fact]
    public void TwoDirectionChangesAreRejected() =>
        Assert.Equal(IntegrityRule.DirectionChanges, CurveRules.Judge(Curve(p => Math.Sin(3 * Math.PI * p) + 3 * p)).Rule);

    [Fact]
    public void NaNOrInfinityIsRejected()
    {
        var curve = Curve(p => p);
        curve[7] = double.NaN;
        Assert.Equal(IntegrityRule.NonFiniteValue, CurveRules.Judge(curve).Rule);
        curve[7] = double.PositiveInfinity;
        Assert.Equal(IntegrityRule.NonFiniteValue, CurveRules.Judge(curve).Rule);
    }
}
