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
}
