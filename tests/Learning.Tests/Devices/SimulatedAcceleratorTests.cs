using LossSearch.Learning.Augment;
using LossSearch.Learning.Losses;
using LossSearch.Learning.Models;
using LossSearch.Learning.Runtime;
using LossSearch.Learning.Tests.Training;
using LossSearch.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Devices;

/// <summary>
/// The device discipline of random draws, on a CPU that acts as an accelerator for the checks
/// (<see cref="GeneratorChecks.SimulateAccelerator"/>): augmentation parameters must come from a host
/// generator, dropout masks from the device's. libtorch on CUDA refuses either mixing, and so do these.
/// </summary>
public sealed class SimulatedAcceleratorTests
{
    public static TheoryData<string> Augmentations => ["none", "baseline", "cutout", "mixup", "cutmix", "randaugment", "autoaugment", "trivialaugment", "augmix"];

    [Theory]
    [MemberData(nameof(Augmentations))]
    public void TrainerWithDropoutAndACompiledLossMixesNoGenerators(string augmentation)
    {
        using var accelerator = GeneratorChecks.SimulateAccelerator();
        using var data = InMemoryBatchSource.Learnable(channels: 3, size: 16, train: 64, test: 32);
        torch.manual_seed(3);
        using var model = ModelCatalog.Create("resnet9v2", 4, 3, dropout: 0.5);
        var run = new TrainingRun { Epochs = 1, StepsPerEpoch = 2, BatchSize = 16, EvaluationBatchSize = 16, Seed = 2, Device = "cpu" };

        var result = Trainer.Run(run, data, AugmentationCatalog.Create(augmentation), LossCatalog.Compile("focal"), model);

        Assert.Equal(TrainingStatus.Completed, result.Status);
    }

    [Fact]
    public void AugmentationParametersFromADeviceGeneratorAreRefused()
    {
        using var accelerator = GeneratorChecks.SimulateAccelerator();
        using var generator = DevicePlacement.For(CPU).NewDeviceGenerator(1);
        using var images = zeros([2, 1, 8, 8], ScalarType.Byte);
        using var labels = zeros([2], ScalarType.Int64);

        var error = Assert.Throws<InvalidOperationException>(() => AugmentationCatalog.Create("none").Apply(images, labels, 2, generator));

        Assert.Contains("augmentation parameters must be drawn from a CPU generator", error.Message);
    }

    [Fact]
    public void DropoutMasksFromAHostGeneratorAreRefusedOnTheDevice()
    {
        using var accelerator = GeneratorChecks.SimulateAccelerator();
        using var generator = DevicePlacement.NewHostGenerator(1);
        using var randomness = ModelRandomness.Use(generator);
        using var x = ones(4, 4);

        var error = Assert.Throws<InvalidOperationException>(() => ModelRandomness.Dropout(x, 0.5, training: true));

        Assert.Contains("must be drawn from a generator on that device", error.Message);
    }

    [Fact]
    public void WithoutTheSimulationTheCpuIsTheHostForBoth()
    {
        using var generator = DevicePlacement.For(CPU).NewDeviceGenerator(1);
        using var randomness = ModelRandomness.Use(generator);
        using var x = ones(4, 4);
        using var dropped = ModelRandomness.Dropout(x, 0.5, training: true);
        using var images = zeros([2, 1, 8, 8], ScalarType.Byte);
        using var labels = zeros([2], ScalarType.Int64);
        using var batch = AugmentationCatalog.Create("baseline").Apply(images, labels, 2, generator);

        Assert.Equal([2L, 1, 8, 8], batch.Images.shape);
    }
}
