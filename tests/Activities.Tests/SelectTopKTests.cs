using LossSearch.Activities.Funnel;

namespace LossSearch.Activities.Tests;

public class SelectTopKTests
{
    [Fact]
    public async Task ChoosesPerAugmentationAndCarriesTheBaselineByIdentity()
    {
        var activity = new SelectTopK
        {
            Scores =
            [
                new("-(y * log(yhat))", "cutmix", null, 1, 0.50), // cross-entropy, written out
                new("focal", "cutmix", null, 1, 0.60),
                new("mse", "cutmix", null, 1, 0.55),
                new("poly1", "mixup", null, 1, 0.70),
                new("focal", "mixup", null, 1, 0.40),
            ],
            Rule = "per-augmentation",
            K = 1,
        };
        await activity.ExecuteAsync(new TestContexts().For("select", TestContexts.NewFolder("select")));
        Assert.Equal(3, activity.Losses.Count);
        Assert.Equal("-(y * square(1 - yhat) * log(yhat))", activity.Losses[0]);
        Assert.Equal("-(y * log(yhat)) + y * (1 - yhat)", activity.Losses[1]);
        Assert.Equal("-(y * log(yhat))", activity.Losses[2]);
        Assert.True(activity.Selection[2].IsBaseline);
        Assert.Contains("cutmix", activity.Selection[0].Evidence);
    }

    [Fact]
    public async Task MeansOverSeedsRankLosses()
    {
        var activity = new SelectTopK
        {
            Scores =
            [
                new("focal", "cutout", "cifar10", 1, 0.90), new("focal", "cutout", "cifar10", 2, 0.80),
                new("mse", "cutout", "cifar10", 1, 0.70), new("mse", "cutout", "cifar10", 2, 0.95),
                new("cross-entropy", "cutout", "cifar10", 1, 0.86), new("cross-entropy", "cutout", "cifar10", 2, 0.86),
            ],
            Rule = "beats-baseline",
            K = 2,
        };
        await activity.ExecuteAsync(new TestContexts().For("select", TestContexts.NewFolder("select")));
        // focal 0.85 < 0.86, mse 0.825 < 0.86: nothing beats the baseline.
        Assert.Equal(["-(y * log(yhat))"], activity.Losses);
    }

    [Fact]
    public async Task UnknownRuleAndTooLargeKAreBadInput()
    {
        var scores = new List<LossScore> { new("focal", "cutout", null, 1, 0.5) };
        await Assert.ThrowsAsync<LossSearch.Learning.InvalidInputException>(() =>
            new SelectTopK { Scores = scores, Rule = "best" }.ExecuteAsync(new TestContexts().For("s", TestContexts.NewFolder("s"))));
        var error = await Assert.ThrowsAsync<LossSearch.Learning.InvalidInputException>(() =>
            new SelectTopK { Scores = scores, K = 2 }.ExecuteAsync(new TestContexts().For("s", TestContexts.NewFolder("s"))));
        Assert.Contains("k: 2", error.Message);
    }
}
