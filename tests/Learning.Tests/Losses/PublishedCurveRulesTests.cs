using LossSearch.Learning.Losses;

namespace LossSearch.Learning.Tests.Losses;

/// <summary>
/// The predecessor's curve rules at their edges, each case next to ours where the two differ, so a
/// test fails if either rule set drifts towards the other.
/// </summary>
public class PublishedCurveRulesTests
{
    private static double[] ParabolaWithMinimumAt(int index) =>
        Enumerable.Range(0, 1000).Select(i => (double)(i - index) * (i - index)).ToArray();

    [Theory]
    [InlineData(489, true, true)]
    [InlineData(490, false, false)]
    [InlineData(509, false, false)]
    [InlineData(510, true, false)] // range(490, 510) stops at 509; ours includes 510
    public void CentreWindowEdges(int minimumAt, bool publishedAccepts, bool oursAccepts)
    {
        var curve = ParabolaWithMinimumAt(minimumAt);
        Assert.Equal(publishedAccepts, PublishedCurveRules.Judge(curve).Valid);
        Assert.Equal(oursAccepts, CurveRules.Judge(curve).Valid);
        var upsideDown = curve.Select(v => -v).ToArray();
        Assert.Equal(publishedAccepts, PublishedCurveRules.Judge(upsideDown).Valid);
    }

    [Fact]
    public void ScatteredZerosCountTogetherInThePublishedRules()
    {
        double[] WithZerosAt(IEnumerable<int> positions)
        {
            var flat = positions.ToHashSet();
            var curve = new double[1000];
            for (int i = 1; i < curve.Length; i++)
                curve[i] = curve[i - 1] + (flat.Contains(i) ? 0 : 1);
            return curve;
        }
        var eleven = WithZerosAt(Enumerable.Range(1, 11).Select(k => k * 80));
        Assert.Equal(IntegrityRule.FlatRun, PublishedCurveRules.Judge(eleven).Rule);
        Assert.True(CurveRules.Judge(eleven).Valid); // ours counts successive zeros only
        var ten = WithZerosAt(Enumerable.Range(1, 10).Select(k => k * 80));
        var verdict = PublishedCurveRules.Judge(ten);
        Assert.True(verdict.Valid);
        Assert.False(verdict.Flip); // non-strictly increasing stays unflipped (the predecessor's third-sign rule would flip it)
    }

    [Fact]
    public void TwoDirectionChangesPassThePublishedCyclicCountButNotOurs()
    {
        // down to index 200, up to index 800, down again: the cyclic sign count is 2.
        var curve = Enumerable.Range(0, 1000).Select(i => i <= 200 ? 200.0 - i : i <= 800 ? i - 200.0 : 600.0 - (i - 800)).ToArray();
        var published = PublishedCurveRules.Judge(curve);
        Assert.True(published.Valid);
        Assert.False(published.Flip);
        Assert.Equal(IntegrityRule.DirectionChanges, CurveRules.Judge(curve).Rule);
        // down, up, down, up: 4 cyclic changes, rejected by both.
        var three = Enumerable.Range(0, 1000).Select(i => Math.Cos(i / 999.0 * 3.5 * Math.PI)).ToArray();
        Assert.Equal(IntegrityRule.DirectionChanges, PublishedCurveRules.Judge(three).Rule);
    }

    [Fact]
    public void OneTurnCountsTwoAndOrientationFollowsTheFirstDirection()
    {
        var upsideDown = ParabolaWithMinimumAt(300).Select(v => -v).ToArray();
        Assert.True(PublishedCurveRules.Judge(upsideDown).Flip);
        Assert.False(PublishedCurveRules.Judge(ParabolaWithMinimumAt(300)).Flip);
        Assert.True(PublishedCurveRules.Judge(Enumerable.Range(0, 1000).Select(i => -(double)i).ToArray()).Flip);
    }

    [Fact]
    public void AFlippedParentsChildKeepsTheRightOrientationUnderBothRuleSets()
    {
        // -log(yhat) on the wrong class falls as the error grows: flipped once, it rises.
        var raw = LossCatalog.Resolve("-(y * log(1 - yhat))");
        foreach (var rules in new[] { CurveRuleSet.Published, CurveRuleSet.Ours })
        {
            var parent = IntegrityCheck.Check(raw, rules);
            Assert.True(parent.Valid);
            Assert.True(parent.Expression.Flip);
            // A child inherits the flag; its curve (flag applied) already rises, so it stays flipped.
            // The predecessor set the flag absolutely from the flagged curve and so dropped it here.
            var child = IntegrityCheck.Check(parent.Expression, rules);
            Assert.True(child.Valid);
            Assert.False(child.Flipped);
            Assert.True(child.Expression.Flip);
            Assert.Equal(parent.Phenotype!.Values, child.Phenotype!.Values);
        }
    }
}
