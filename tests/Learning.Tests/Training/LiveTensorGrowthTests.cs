using LossSearch.Learning.Augment;
using LossSearch.Learning.Losses;
using LossSearch.Learning.Models;
using LossSearch.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Training;

/// <summary>
/// A long run leaks no tensors: the training thread's live TorchSharp tensors, counted at every host read of
/// a 400-step run of a tiny network (a real augmentation, a compiled loss, EMA, validations every 40 steps,
/// label smoothing, normalisation), are the same at every read after the first epoch.
/// </summary>
public sealed class LiveTensorGrowthTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LiveTensorsStayFlatOverFourHundredSteps(bool flatParameters)
    {
        using var data = InMemoryBatchSource.Learnable(train: 64, test: 16, size: 8);
        torch.manual_seed(3);
        using var model = ModelCatalog.Create("convnet", 4, 1, dropout: 0.1);
        var run = new TrainingRun
        {
            Epochs = 10, StepsPerEpoch = 40, BatchSize = 8, EvaluationBatchSize = 8, Seed = 2, Device = "cpu",
            Optimizer = new OptimizerSettings(OptimizerKind.Adam, 1e-3), EmaDecay = 0.9, LabelSmoothing = 0.1,
            Normalization = new InputNormalization([0.5f], [0.25f]), ProgressEverySteps = 10, ProgressEverySeconds = double.PositiveInfinity,
            FlatParameters = flatParameters,
        };
        var samples = new List<(long Step, long Live)>();
        var sampler = new SyncProgress(p =>
        {
            if (p.Phase == TrainingPhase.Step) samples.Add((p.GlobalStep, DisposeScopeManager.Statistics.ThreadTotalLiveCount));
        });

        var result = Trainer.Run(run, data, AugmentationCatalog.Create("cutout"), LossCatalog.Compile("focal"), model, progress: sampler);

        Assert.Equal(TrainingStatus.Completed, result.Status);
        Assert.Equal(40, samples.Count);
        var settled = samples.Where(s => s.Step > run.StepsPerEpoch).ToList();
        Assert.All(settled, s => Assert.True(s.Live == settled[0].Live, $"{s.Live} live tensors at step {s.Step}, {settled[0].Live} at step {settled[0].Step}"));
    }
}
