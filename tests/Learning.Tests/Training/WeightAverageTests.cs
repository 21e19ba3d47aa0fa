using LossSearch.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Training;

public class WeightAverageTests
{
    [Fact]
    public void AverageFollowsTheRecurrenceAndSwapsBack()
    {
        using var layer = nn.Linear(1, 1);
        using (torch.no_grad())
        {
            layer.weight.fill_(1.0);
            layer.bias!.fill_(0.0);
        }
        using var average = new WeightAverage(layer, decay: 0.5);
        using (torch.no_grad()) layer.weight.fill_(3.0);
        average.Update(layer); // 0.5·1 + 0.5·3 = 2
        using (torch.no_grad()) layer.weight.fill_(5.0);
        average.Update(layer); // 0.5·2 + 0.5·5 = 3.5
        Assert.Equal(3.5f, average.Tensors["weight"].item<float>());
        using (average.Apply(layer))
            Assert.Equal(3.5f, layer.weight.item<float>());
        Assert.Equal(5.0f, layer.weight.item<float>());
    }

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
