using LossSearch.Learning.Search;

namespace LossSearch.Learning.Tests.Search;

public class TopKSelectionTests
{
    private const string Ce = "cross-entropy";

    // "a" and "a-twin" are the same function (as a phenotype check would say).
    private static bool Same(string x, string y) => Canonical(x) == Canonical(y);
    private static string Canonical(string e) => e == "a-twin" ? "a" : e;

    private static readonly ScoredLoss[] Scores =
    [
        new("a", "cutmix", 0.70), new("a-twin", "cutmix", 0.72), new("b", "cutmix", 0.68), new("c", "cutmix", 0.60), new(Ce, "cutmix", 0.65),
        new("a", "mixup", 0.50), new("b", "mixup", 0.66), new("c", "mixup", 0.64), new(Ce, "mixup", 0.62),
    ];

    [Fact]
    public void PerAugmentationTakesKFromEachGroupAndCarriesBaseline()
    {
        var chosen = TopKSelection.Select(Scores, SelectionRule.PerAugmentation, 1, Ce, Same);
        Assert.Equal(["a-twin", "b", Ce], chosen.Select(c => c.Expression));
        Assert.True(chosen[^1].IsBaseline);
        Assert.Contains("rank 1 of 3 in cutmix", chosen[0].Evidence);
    }

    [Fact]
    public void PerAugmentationMergesEvidenceOfALossChosenTwice()
    {
        var chosen = TopKSelection.Select(Scores, SelectionRule.PerAugmentation, 2, Ce, Same);
        Assert.Equal(["a-twin", "b", "c", Ce], chosen.Select(c => c.Expression));
        Assert.Contains("cutmix", chosen[1].Evidence);
        Assert.Contains("mixup", chosen[1].Evidence);
    }

    [Fact]
    public void OverallUsesMeanRank()
    {
        // ranks: a-twin 1 (cutmix), 3 (mixup) -> 2; b 2, 1 -> 1.5; c 3, 2 -> 2.5
        var chosen = TopKSelection.Select(Scores, SelectionRule.Overall, 2, Ce, Same);
        Assert.Equal(["b", "a-twin", Ce], chosen.Select(c => c.Expression));
        Assert.Contains("mean rank 1.50", chosen[0].Evidence);
    }

    [Fact]
    public void BeatsBaselineKeepsOnlyPositiveMargins()
    {
        // margins: a-twin (0.72-0.65 + 0.50-0.62)/2 = -0.025; b (0.03 + 0.04)/2 = 0.035; c (-0.05 + 0.02)/2 = -0.015
        var chosen = TopKSelection.Select(Scores, SelectionRule.BeatsBaseline, 3, Ce, Same);
        Assert.Equal(["b", Ce], chosen.Select(c => c.Expression));
        Assert.Contains("+0.0350", chosen[0].Evidence);
        Assert.Contains("2 of 2 groups", chosen[0].Evidence);
    }

    [Fact]
    public void KLargerThanTheCandidatesIsRefused()
    {
        var error = Assert.Throws<InvalidInputException>(() => TopKSelection.Select(Scores, SelectionRule.PerAugmentation, 4, Ce, Same));
        Assert.Contains("k: 4", error.Message);
        Assert.Contains("cutmix", error.Message);
        Assert.Throws<InvalidInputException>(() => TopKSelection.Select(Scores, SelectionRule.Overall, 4, Ce, Same));
        Assert.Throws<InvalidInputException>(() => TopKSelection.Select(Scores, SelectionRule.Overall, 0, Ce, Same));
    }

    [Fact]
    public void BeatsBaselineWithoutBaselineScoresIsRefused() =>
        Assert.Throws<InvalidInputException>(() =>
            TopKSelection.Select([new ScoredLoss("a", "g", 1)], SelectionRule.BeatsBaseline, 1, Ce, Same));
}
