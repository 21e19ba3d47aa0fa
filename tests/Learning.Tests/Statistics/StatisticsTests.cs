using LossSearch.Learning.Statistics;

namespace LossSearch.Learning.Tests.Statistics;

public class StatisticsTests
{
    [Theory]
    [InlineData(0.3, 1.0957979948180752)]
    [InlineData(7.5, 7.534364236758734)]
    [InlineData(100.25, 360.2845596377643)]
    [InlineData(1.0, 0.0)]
    public void LogGammaMatchesReference(double x, double expected) =>
        Assert.Equal(expected, SpecialFunctions.LogGamma(x), 10);

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.3)]
    [InlineData(5.0)]
    public void CauchyAndTwoDegreesHaveClosedForms(double t)
    {
        Assert.Equal(1 - 2 / Math.PI * Math.Atan(t), StudentT.TwoSidedP(t, 1), 12);
        Assert.Equal(1 - t / Math.Sqrt(2 + t * t), StudentT.TwoSidedP(t, 2), 12);
    }

    [Theory]
    // References: Simpson integration of the t density in float64 (see commit notes), tails beyond 2000 negligible.
    [InlineData(4.242640687119285, 4, 0.013235599564087529)]
    [InlineData(2.0, 10, 0.07338803478343314)]
    [InlineData(0.5, 3, 0.6514479644782969)]
    public void TwoSidedPMatchesNumericalIntegration(double t, double df, double expected) =>
        Assert.Equal(expected, StudentT.TwoSidedP(t, df), 8);

    [Fact]
    public void PairedTestOnHandComputedDifferences()
    {
        // differences 1..5: mean 3, sd sqrt(2.5), t = 3 / (sqrt(2.5)/sqrt(5)) = 3·sqrt(2) ≈ 4.2426, df 4.
        var result = PairedTTest.Of([2, 4, 6, 8, 10], [1, 2, 3, 4, 5]);
        Assert.Equal(3, result.MeanDifference, 12);
        Assert.Equal(3 * Math.Sqrt(2), result.T, 12);
        Assert.Equal(4, result.DegreesOfFreedom);
        Assert.Equal(0.013235599564087529, result.P, 8);
    }

    [Fact]
    public void PairedTestIsSymmetric()
    {
        var ab = PairedTTest.Of([0.91, 0.93, 0.92], [0.90, 0.90, 0.93]);
        var ba = PairedTTest.Of([0.90, 0.90, 0.93], [0.91, 0.93, 0.92]);
        Assert.Equal(ab.P, ba.P, 12);
        Assert.Equal(-ab.T, ba.T, 12);
    }

    [Fact]
    public void ConstantDifferencesGiveZeroOrOneP()
    {
        Assert.Equal(0, PairedTTest.Of([2, 3], [1, 2]).P);
        Assert.Equal(1, PairedTTest.Of([1, 2], [1, 2]).P);
    }

    [Fact]
    public void PairedTestRejectsBadSamples()
    {
        Assert.Throws<ArgumentException>(() => PairedTTest.Of([1], [2]));
        Assert.Throws<ArgumentException>(() => PairedTTest.Of([1, 2], [2]));
    }

    [Fact]
    public void SampleSummaryUsesBesselCorrection()
    {
        var s = SampleSummary.Of([1.0, 2.0, 3.0, 4.0]);
        Assert.Equal(2.5, s.Mean, 12);
        Assert.Equal(Math.Sqrt(5.0 / 3.0), s.StandardDeviation, 12);
        Assert.Equal(0, SampleSummary.Of([7.0]).StandardDeviation);
    }
}
