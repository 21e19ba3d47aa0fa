using LossSearch.Learning.Training;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Training;

public class InputNormalizationTests
{
    [Fact]
    public void OfATrainingSplitIsItsPerChannelMeanAndPopulationStdOfUnitPixels()
    {
        // Channel 0 holds 0 and 255 in equal numbers (mean 0.5, std 0.5); channel 1 is constant 51 (mean 0.2, std 0).
        var pixels = new byte[4 * 2 * 2 * 2];
        for (int n = 0; n < 4; n++)
            for (int p = 0; p < 4; p++)
            {
                pixels[n * 8 + p] = (byte)((n + p) % 2 == 0 ? 0 : 255);
                pixels[n * 8 + 4 + p] = 51;
            }
        using var source = new InMemoryBatchSource(tensor(pixels, [4, 2, 2, 2]), zeros(4, dtype: int64), classes: 1);
        var normalization = InputNormalization.Of(source);
        Assert.Equal([0.5f, 0.2f], normalization.Mean);
        Assert.Equal(0.5f, normalization.Std[0], 6);
        Assert.Equal(0f, normalization.Std[1], 6);
    }
}
