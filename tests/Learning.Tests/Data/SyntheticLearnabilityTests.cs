using LossSearch.Learning.Augment;
using LossSearch.Learning.Data;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace LossSearch.Learning.Tests.Data;

public class SyntheticLearnabilityTests
{
    /// <summary>
    /// What the smoke job relies on: a small CNN trained for a few epochs through the real loader and
    /// augmentation lands clearly above chance (10%) and clearly below 100% on the synthetic test split.
    /// </summary>
    [Fact]
    public void ASmallCnnLearnsSyntheticCifarButNotPerfectly()
    {
        manual_seed(0);
        using var splits = DatasetCatalog.Open("synthetic:cifar10?n=3000&test=600&seed=1", new DatasetOptions { ValidationCount = 0 });
        using var model = Sequential(
            Conv2d(3, 16, 3, padding: 1), BatchNorm2d(16), ReLU(), MaxPool2d(2),
            Conv2d(16, 32, 3, padding: 1), BatchNorm2d(32), ReLU(), MaxPool2d(2),
            Conv2d(32, 64, 3, padding: 1), BatchNorm2d(64), ReLU(), AdaptiveAvgPool2d(1), Flatten(), Linear(64, 10));
        using var optimizer = optim.Adam(model.parameters(), 3e-3);
        var augmentation = AugmentationCatalog.Create("baseline");
        using var generator = new Generator(3);
        for (int epoch = 0; epoch < 4; epoch++)
        {
            model.train();
            foreach (var (images, labels) in splits.Train.Batches(128, CPU, shuffleSeed: epoch))
            {
                using var scope = NewDisposeScope();
                var batch = augmentation.Apply(images, labels, 10, generator);
                var loss = -(batch.Targets * model.forward(batch.Images).log_softmax(1)).sum(1).mean();
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
        }
        model.eval();
        long correct = 0;
        using (no_grad())
            foreach (var (images, labels) in splits.Test.Batches(600, CPU))
            {
                using var scope = NewDisposeScope();
                correct += model.forward(images.to(float32) / 255).argmax(1).eq(labels).sum().item<long>();
            }
        double accuracy = correct / (double)splits.Test.Count;
        Assert.True(accuracy is > 0.25 and < 0.9, $"test accuracy {accuracy:F3}");
    }
}
