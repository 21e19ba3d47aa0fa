using LossSearch.Learning.Data;
using LossSearch.Learning.Models;
using LossSearch.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Training;

public sealed class TrainerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "losssearch-trainer-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static nn.Module<Tensor, Tensor> Model(string architecture = "resnet9v2", int classes = 4, int channels = 1, double dropout = 0)
    {
        torch.manual_seed(11);
        return ModelCatalog.Create(architecture, classes, channels, dropout);
    }

    private static TrainingRun Run(int epochs, OptimizerKind optimizer = OptimizerKind.Adam) => new()
    {
        Epochs = epochs,
        BatchSize = 32,
        Seed = 5,
        Optimizer = optimizer switch
        {
            OptimizerKind.Sgd => new OptimizerSettings(OptimizerKind.Sgd, 0.05, WeightDecay: 5e-4),
            OptimizerKind.RmsProp => new OptimizerSettings(OptimizerKind.RmsProp, 1e-3, Momentum: 0.9, WeightDecay: 1e-5),
            _ => new OptimizerSettings(optimizer, 3e-3, WeightDecay: 1e-4),
        },
        Schedule = new ScheduleSettings(ScheduleKind.WarmupCosine, WarmupSteps: 4),
        LabelSmoothing = 0.1,
        EmaDecay = 0.9,
    };

    private string Folder(string name) => Path.Combine(_root, name);

    [Fact]
    public void TrainingReducesLossAndBeatsChance()
    {
        using var data = InMemoryBatchSource.Learnable();
        using var model = Model("wrn-10-2");
        var run = Run(5) with { EmaDecay = null, LabelSmoothing = 0 };
        var result = Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, model);
        Assert.Equal(TrainingStatus.Completed, result.Status);
        Assert.Equal(5, result.History.Count);
        Assert.Equal(5 * (256 / 32), result.Steps);
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss, $"train loss {result.History[0].TrainLoss} -> {result.History[^1].TrainLoss}");
        Assert.True(result.Best!.Top1 > 0.5, $"best top-1 {result.Best.Top1} is not above chance 0.25 by a margin");
        Assert.All(result.History, e => Assert.Equal(1.0, e.Top5)); // 4 classes: the top 5 hold every class
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd, "wrn-10-2")]
    [InlineData(OptimizerKind.Adam, "resnet9v2")]
    [InlineData(OptimizerKind.AdamW, "resnet9v2")]
    [InlineData(OptimizerKind.RmsProp, "resnet9v2")]
    public void ThreeEpochsStraightEqualTwoThenResumeOne(OptimizerKind optimizer, string architecture)
    {
        using var data = InMemoryBatchSource.Learnable();
        var run = Run(3, optimizer);

        using var straight = Model(architecture, dropout: 0.3);
        var expected = Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, straight);

        using var first = Model(architecture, dropout: 0.3);
        var folder = Folder($"resume-{optimizer}");
        var token = CancelAfterEpochs(2, out var progress);
        var partial = Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, first, new TrainingCheckpoints(folder), progress, token);
        Assert.Equal(TrainingStatus.Cancelled, partial.Status);
        Assert.Equal(2, partial.History.Count);

        torch.manual_seed(999); // a different process state must not matter
        using var resumed = Model(architecture, dropout: 0.3);
        var actual = Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, resumed, new TrainingCheckpoints(folder, resume: true));

        Assert.Equal(TrainingStatus.Completed, actual.Status);
        AssertSameHistory(expected, actual);
        SameWeights.Check(straight, resumed);
    }

    [Fact]
    public void CancellingMidEpochLeavesACheckpointThatResumesExactly()
    {
        using var data = InMemoryBatchSource.Learnable();
        // Progress (and the host read behind it) every 2 steps: cancelled after step 10's report, the run
        // stops after step 11, between two reads, and must still checkpoint step 11 exactly.
        var run = Run(2) with { ProgressEverySteps = 2 };
        using var straight = Model(dropout: 0.3);
        var expected = Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, straight);

        var folder = Folder("mid-epoch");
        using var cancel = new CancellationTokenSource();
        var stopAtStep11 = new SyncProgress(p => { if (p.Phase == TrainingPhase.Step && p.GlobalStep == 10) cancel.Cancel(); });
        using var first = Model(dropout: 0.3);
        var partial = Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, first, new TrainingCheckpoints(folder), stopAtStep11, cancel.Token);
        Assert.Equal(TrainingStatus.Cancelled, partial.Status);
        Assert.Equal(11, partial.Steps);
        Assert.EndsWith("step-000000011.ckpt", partial.CheckpointPath);

        using var resumed = Model(dropout: 0.3);
        var actual = Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, resumed, new TrainingCheckpoints(folder, resume: true));
        AssertSameHistory(expected, actual);
        SameWeights.Check(straight, resumed);
    }

    [Fact]
    public void CorruptNewestCheckpointFallsBackToThePreviousWithAWarning()
    {
        using var data = InMemoryBatchSource.Learnable();
        var run = Run(3);
        using var straight = Model();
        var expected = Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, straight);

        var folder = Folder("corrupt");
        using var first = Model();
        var token = CancelAfterEpochs(2, out var progress);
        var partial = Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, first, new TrainingCheckpoints(folder), progress, token);
        Assert.Equal(TrainingStatus.Cancelled, partial.Status);
        var checkpoints = new TrainingCheckpoints(folder, resume: true);
        Assert.Equal(2, checkpoints.Entries.Count);
        var newest = checkpoints.LatestPath!;
        var bytes = File.ReadAllBytes(newest);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(newest, bytes);

        var warnings = new List<string>();
        using var resumed = Model();
        var actual = Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, resumed, checkpoints,
            new SyncProgress(p => { if (p.Phase == TrainingPhase.Warning) warnings.Add(p.Message!); }));
        Assert.Contains(warnings, w => w.Contains("SHA-256") && w.Contains(Path.GetFileName(newest)));
        Assert.Equal(actual.Warnings, warnings);
        AssertSameHistory(expected, actual);
        SameWeights.Check(straight, resumed);
    }

    [Fact]
    public void ANaNLossStopsTheRunAndKeepsTheLastGoodCheckpoint()
    {
        using var data = InMemoryBatchSource.Learnable();
        int calls = 0;
        LossSearch.Learning.Losses.LossFunction poisoned = (y, yhat) =>
            ++calls > 9 ? TestLosses.CrossEntropy(y, yhat).mul(double.NaN) : TestLosses.CrossEntropy(y, yhat);
        var folder = Folder("nan");
        using var model = Model();
        var result = Trainer.Run(Run(3), data, new OneHotAugmentation(), poisoned, model, new TrainingCheckpoints(folder));
        Assert.Equal(TrainingStatus.Diverged, result.Status);
        // epoch 1: 8 training steps (calls 1-8) and one evaluation batch (call 9); step 8 (0-based) is the first NaN
        Assert.Equal(8, result.DivergedAtStep);
        Assert.Single(result.History);
        Assert.EndsWith("step-000000008.ckpt", result.CheckpointPath);
        Assert.Single(new TrainingCheckpoints(folder).Entries);
    }

    [Fact]
    public void AGateStopsARunWhoseTrainingAccuracyIsTooLow()
    {
        using var data = InMemoryBatchSource.Learnable();
        using var model = Model();
        var run = Run(5) with { Gates = [new AccuracyGate(2, 1.01)] };
        var result = Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, model);
        Assert.Equal(TrainingStatus.GatedOut, result.Status);
        Assert.Equal(2, result.History.Count);
    }

    [Fact]
    public void StepsPerEpochCyclesThroughTheData()
    {
        using var data = InMemoryBatchSource.Learnable(train: 64);
        using var model = Model();
        var result = Trainer.Run(Run(2) with { StepsPerEpoch = 5 }, data, new OneHotAugmentation(), TestLosses.CrossEntropy, model);
        Assert.Equal(10, result.Steps);
        Assert.Equal(2, result.History.Count);
    }

    [Fact]
    public void LiveTensorCountDoesNotGrowWithSteps()
    {
        using var data = InMemoryBatchSource.Learnable();
        using var model = Model();
        var live = new List<long>();
        var sample = new SyncProgress(p => { if (p.Phase == TrainingPhase.EpochEnd) live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount); });
        Trainer.Run(Run(4), data, new OneHotAugmentation(), TestLosses.CrossEntropy, model, progress: sample);
        Assert.Equal(4, live.Count);
        Assert.Equal(live[1], live[3]);
    }

    [Fact]
    public void ADatasetWithTheWrongChannelCountIsBadInput()
    {
        using var data = InMemoryBatchSource.Learnable(channels: 1);
        using var model = Model(channels: 3);
        var error = Assert.Throws<InvalidInputException>(() =>
            Trainer.Run(Run(1), data, new OneHotAugmentation(), TestLosses.CrossEntropy, model));
        Assert.Contains("1-channel", error.Message);
    }

    [Fact]
    public void AFolderWithCheckpointsIsNotOverwrittenWithoutResume()
    {
        using var data = InMemoryBatchSource.Learnable(train: 64);
        var folder = Folder("exists");
        using (var model = Model())
            Trainer.Run(Run(1), data, new OneHotAugmentation(), TestLosses.CrossEntropy, model, new TrainingCheckpoints(folder));
        using var again = Model();
        var error = Assert.Throws<InvalidInputException>(() =>
            Trainer.Run(Run(1), data, new OneHotAugmentation(), TestLosses.CrossEntropy, again, new TrainingCheckpoints(folder)));
        Assert.Contains(folder, error.Message);
    }

    [Theory]
    [InlineData("optimizer.learningRate")]
    [InlineData("optimizer.momentum")]
    [InlineData("schedule.kind")]
    [InlineData("labelSmoothing")]
    [InlineData("optimizer.weightDecay")]
    public void ResumingWithOtherSettingsIsRefusedNamingTheSetting(string setting)
    {
        using var data = InMemoryBatchSource.Learnable(train: 64);
        var folder = Folder("identity-" + setting);
        var run = Run(2, OptimizerKind.Sgd);
        using (var model = Model("convnet"))
        {
            var token = CancelAfterEpochs(1, out var progress);
            Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, model, new TrainingCheckpoints(folder), progress, token);
        }
        var other = setting switch
        {
            "optimizer.learningRate" => run with { Optimizer = run.Optimizer with { LearningRate = 0.5 } },
            "optimizer.momentum" => run with { Optimizer = run.Optimizer with { Momentum = 0.5 } },
            "schedule.kind" => run with { Schedule = run.Schedule with { Kind = ScheduleKind.Constant } },
            "labelSmoothing" => run with { LabelSmoothing = 0.2 },
            _ => run with { Optimizer = run.Optimizer with { WeightDecay = 0.1 } },
        };
        using var resumed = Model("convnet");
        var error = Assert.Throws<InvalidInputException>(() =>
            Trainer.Run(other, data, new OneHotAugmentation(), TestLosses.CrossEntropy, resumed, new TrainingCheckpoints(folder, resume: true)));
        Assert.Contains($"was made with {setting} = ", error.Message);

        using var same = Model("convnet");
        var finished = Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, same, new TrainingCheckpoints(folder, resume: true));
        Assert.Equal(TrainingStatus.Completed, finished.Status);
    }

    [Fact]
    public void ALostManifestIsRebuiltFromTheCheckpointFilesWithAWarning()
    {
        using var data = InMemoryBatchSource.Learnable(train: 64);
        var folder = Folder("lost-manifest");
        var run = Run(2);
        TrainingResult straight;
        using (var model = Model("convnet"))
        {
            var token = CancelAfterEpochs(1, out var progress);
            Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, model, new TrainingCheckpoints(folder), progress, token);
        }
        File.Delete(Path.Combine(folder, TrainingCheckpoints.ManifestName));
        using (var again = Model("convnet"))
            Assert.Contains(folder, Assert.Throws<InvalidInputException>(() =>
                Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, again, new TrainingCheckpoints(folder))).Message);

        using var resumed = Model("convnet");
        var result = Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, resumed, new TrainingCheckpoints(folder, resume: true));
        Assert.Contains(result.Warnings, w => w.Contains("is missing; rebuilt it from"));
        using (var model = Model("convnet"))
            straight = Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, model, new TrainingCheckpoints(Folder("lost-manifest-straight")));
        AssertSameHistory(straight, result);
    }

    private static CancellationToken CancelAfterEpochs(int epochs, out IProgress<TrainingProgress> progress)
    {
        var source = new CancellationTokenSource();
        progress = new SyncProgress(p => { if (p.Phase == TrainingPhase.EpochEnd && p.Epoch == epochs) source.Cancel(); });
        return source.Token;
    }

    private static void AssertSameHistory(TrainingResult expected, TrainingResult actual)
    {
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.History.Select(e => e with { Seconds = 0 }), actual.History.Select(e => e with { Seconds = 0 }));
    }

    [Fact]
    public async Task TrainingsRunningAtOnceInOneProcessEqualTheSameTrainingsRunAlone()
    {
        // ResNet9V2 applies dropout 0.5: its masks must come from each run's own generator.
        using var data = InMemoryBatchSource.Learnable();
        using var alone = Model();
        Trainer.Run(Run(2), data, new OneHotAugmentation(), TestLosses.CrossEntropy, alone);

        using var first = Model();
        using var second = Model();
        var runs = new[] { first, second }.Select(model => Task.Run(() =>
            Trainer.Run(Run(2), data, new OneHotAugmentation(), TestLosses.CrossEntropy, model))).ToArray();
        await Task.WhenAll(runs);
        SameWeights.Check(alone, first);
        SameWeights.Check(alone, second);
    }
}

/// <summary>Reports on the calling thread, in order (System.Progress posts to the thread pool).</summary>
internal sealed class SyncProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => report(value);
}
