using LossSearch.Host.Bench;

namespace LossSearch.Host.Tests.Bench;

public class StepRatioTests
{
    [Fact]
    public void RatiosAreRoundByRoundWithTheirMedianAndRange()
    {
        var ratio = StepRatio.Of([0.30, 0.22, 0.26, 0.40], [0.20, 0.20, 0.25, 0.25]);

        Assert.Equal([1.5, 1.1, 1.04, 1.6], ratio.Ratios.Select(r => Math.Round(r, 12)));
        Assert.Equal((1.1 + 1.5) / 2, ratio.MedianRatio, 12);
        Assert.Equal(1.04, ratio.MinRatio, 12);
        Assert.Equal(1.6, ratio.MaxRatio, 12);
        Assert.Equal(0.28, ratio.OursMedianSeconds, 12);
        Assert.Equal(0.225, ratio.TorchMedianSeconds, 12);
    }

    [Fact]
    public void AnOddCountHasItsMiddleValueAsMedian() => Assert.Equal(3.0, StepRatio.Median([5.0, 1.0, 3.0]));

    [Fact]
    public void UnpairedRoundsAreRefused() => Assert.Throws<ArgumentException>(() => StepRatio.Of([0.1, 0.2], [0.1]));
}
