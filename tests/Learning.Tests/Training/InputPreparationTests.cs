using LossSearch.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Training;

public class InputPreparationTests
{
    [Fact]
    public void LabelSmoothingKeepsRowsSummingToOne()
    {
        using var targets = torch.tensor(new float[] { 0, 1, 0, 0, 0.25f, 0.75f, 0, 0 }).view(2, 4);
        using var smoothed = InputPreparation.Smooth(targets, 0.1);
        var values = smoothed.data<float>().ToArray();
        Assert.Equal(0.025f, values[0], 6);
        Assert.Equal(0.925f, values[1], 6);
        Assert.Equal(0.25f * 0.9f + 0.025f, values[4], 6);
        Assert.Equal(1.0f, values[4] + values[5] + values[6] + values[7], 6);
    }
}
