using LossSearch.Learning.Augment;
using LossSearch.Learning.Losses;
using LossSearch.Learning.Models;
using LossSearch.Learning.Runtime;
using LossSearch.Learning.Tests.Training;
using LossSearch.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Devices;

/// <summary>The CUDA path itself; skipped without a CUDA device.</summary>
public sealed class CudaTrainingTests
{
    [CudaFact]
    public void TrainerRunsOnCudaWithAugmentationsDropoutAndACompiledLoss()
    {
        foreach (var augmentation in new[] { "none", "cutout", "mixup", "randaugment" })
        {
            using var data = InMemoryBatchSource.Learnable(channels: 3, size: 16, train: 64, test: 32);
            torch.manual_seed(3);
            using var model = ModelCatalog.Create("resnet9v2", 4, 3, dropout: 0.5);
            var run = new TrainingRun { Epochs = 1, StepsPerEpoch = 3, BatchSize = 16, EvaluationBatchSize = 16, Seed = 2, Device = "cuda" };

            var result = Trainer.Run(run, data, AugmentationCatalog.Create(augmentation), LossCatalog.Compile("focal"), model);

            Assert.Equal(TrainingStatus.Completed, result.Status);
            Assert.True(double.IsFinite(result.History[0].TrainLoss), augmentation);
        }
    }

    [CudaFact]
    public void TheSameSeedGivesTheSameCropAndFlipOnCpuAndCuda()
    {
        var cuda = new Device(DeviceType.CUDA, 0);
        using var images = randint(0, 256, [8, 3, 16, 16], ScalarType.Byte);
        using var labels = randint(10, [8]);
        var technique = AugmentationCatalog.Create("baseline");
        using var first = DevicePlacement.NewHostGenerator(9);
        using var onCpu = technique.Apply(images, labels, 10, first);
        using var second = DevicePlacement.NewHostGenerator(9);
        using var imagesOnCuda = images.to(cuda);
        using var labelsOnCuda = labels.to(cuda);
        using var onCuda = technique.Apply(imagesOnCuda, labelsOnCuda, 10, second);

        Assert.True(onCpu.Images.equal(onCuda.Images.cpu()).item<bool>());
    }

    [CudaFact]
    public void DropoutMasksDrawOnTheCudaGenerator()
    {
        var placement = DevicePlacement.For(new Device(DeviceType.CUDA, 0));
        using var generator = placement.NewDeviceGenerator(5);
        using var randomness = ModelRandomness.Use(generator);
        using var x = ones([64, 64], device: placement.Device);
        using var dropped = ModelRandomness.Dropout(x, 0.5, training: true);

        Assert.Equal(DeviceType.CUDA, dropped.device.type);
    }
}
