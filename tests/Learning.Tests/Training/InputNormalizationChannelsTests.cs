using LossSearch.Learning.Training;

namespace LossSearch.Learning.Tests.Training;

public class InputNormalizationChannelsTests
{
    private static readonly InputNormalization ImageNet = new([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

    [Fact]
    public void MatchingChannelsAreKept() => Assert.Same(ImageNet, ImageNet.ForChannels(3));

    [Fact]
    public void RgbStatisticsAverageIntoOneGrayChannel()
    {
        var gray = ImageNet.ForChannels(1);
        Assert.Equal((0.485f + 0.456f + 0.406f) / 3, Assert.Single(gray.Mean), 6);
        Assert.Equal((0.229f + 0.224f + 0.225f) / 3, Assert.Single(gray.Std), 6);
    }

    [Fact]
    public void OtherMismatchesAreBadInput() =>
        Assert.Throws<InvalidInputException>(() => new InputNormalization([0.5f], [0.2f]).ForChannels(3));
}
