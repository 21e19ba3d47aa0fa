using LossSearch.Learning.Models;
using LossSearch.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Training;

/// <summary>
/// <see cref="TrainingRun.FlatParameters"/> changes where the parameters live, not what the trainer computes:
/// on the CPU a flattened run ends with the same weights, bit for bit, as the run without it, and it resumes exactly.
/// New runs flatten by default; a checkpoint keeps its own layout when resumed.
/// </summary>
public sealed class FlatParametersTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "losssearch-flat-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static nn.Module<Tensor, Tensor> Model(string architecture)
    {
        torch.manual_seed(11);
        return ModelCatalog.Create(architecture, 4, 1, dropout: 0.3);
    }

    private static TrainingRun Run(OptimizerSettings optimizer, int epochs = 2) => new()
    {
        Epochs = epochs, StepsPerEpoch = 6, BatchSize = 32, Seed = 5, Optimizer = optimizer,
        Schedule = new ScheduleSettings(ScheduleKind.WarmupCosine, WarmupSteps: 3), LabelSmoothing = 0.1, EmaDecay = 0.9,
    };

    public static TheoryData<OptimizerKind, string> Optimizers => new()
    {
        { OptimizerKind.Sgd, "wrn-10-2" },
        { OptimizerKind.Adam, "resnet9v2" },
        { OptimizerKind.AdamW, "resnet9v2" },
        { OptimizerKind.RmsProp, "resnet9v2" },
    };

    private static OptimizerSettings Settings(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Sgd => new OptimizerSettings(OptimizerKind.Sgd, 0.05, Momentum: 0.9, Nesterov: true, WeightDecay: 5e-4),
        OptimizerKind.RmsProp => new OptimizerSettings(OptimizerKind.RmsProp, 1e-3, Momentum: 0.9, WeightDecay: 1e-5),
        _ => new OptimizerSettings(kind, 3e-3, WeightDecay: 1e-4),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void AFlattenedRunEndsWithTheSameWeightsBitForBit(OptimizerKind optimizer, string architecture)
    {
        using var data = InMemoryBatchSource.Learnable();
        var run = Run(Settings(optimizer));
        using var plain = Model(architecture);
        var expected = Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, plain);
        using var flat = Model(architecture);
        var actual = Trainer.Run(run with { FlatParameters = true }, data, new OneHotAugmentation(), TestLosses.CrossEntropy, flat);

        Assert.Equal(expected.History.Select(e => e with { Seconds = 0 }), actual.History.Select(e => e with { Seconds = 0 }));
        SameWeights.Check(plain, flat);
    }

    [Fact]
    public void AFlattenedRunResumesExactlyAndAPlainCheckpointIsNotResumedFlattened()
    {
        using var data = InMemoryBatchSource.Learnable();
        var run = Run(Settings(OptimizerKind.Sgd), epochs: 3) with { FlatParameters = true };
        using var straight = Model("wrn-10-2");
        Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, straight);

        string folder = Path.Combine(_root, "flat");
        using var cancel = new CancellationTokenSource();
        var afterTwo = new SyncProgress(p => { if (p.Phase == TrainingPhase.EpochEnd && p.Epoch == 2) cancel.Cancel(); });
        using (var first = Model("wrn-10-2"))
            Assert.Equal(TrainingStatus.Cancelled, Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, first, new TrainingCheckpoints(folder), afterTwo, cancel.Token).Status);
        using var resumed = Model("wrn-10-2");
        var finished = Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, resumed, new TrainingCheckpoints(folder, resume: true));
        Assert.Equal(TrainingStatus.Completed, finished.Status);
        SameWeights.Check(straight, resumed);

        using var other = Model("wrn-10-2");
        var error = Assert.Throws<InvalidInputException>(() =>
            Trainer.Run(run with { FlatParameters = false }, data, new OneHotAugmentation(), TestLosses.CrossEntropy, other, new TrainingCheckpoints(folder, resume: true)));
        Assert.Contains("flatParameters", error.Message);
    }

    [Fact]
    public void ANewRunFlattensByDefaultAndEndsWithThePlainRunsWeights()
    {
        using var data = InMemoryBatchSource.Learnable();
        var run = Run(Settings(OptimizerKind.Adam), epochs: 1);
        using var plain = Model("resnet9v2");
        Trainer.Run(run with { FlatParameters = false }, data, new OneHotAugmentation(), TestLosses.CrossEntropy, plain);
        string folder = Path.Combine(_root, "default");
        using var byDefault = Model("resnet9v2");
        Trainer.Run(run, data, new OneHotAugmentation(), TestLosses.CrossEntropy, byDefault, new TrainingCheckpoints(folder));

        Assert.Null(run.FlatParameters);
        Assert.Equal("true", new TrainingCheckpoints(folder).ReadLatestSummary()!.Identity[RunIdentity.FlatParametersSetting]);
        SameWeights.Check(plain, byDefault);
    }

    [Fact]
    public void APlainCheckpointFromBeforeTheDefaultResumesPlainAndExactly()
    {
        using var data = InMemoryBatchSource.Learnable();
        var plainRun = Run(Settings(OptimizerKind.Adam), epochs: 3) with { FlatParameters = false };
        using var straight = Model("resnet9v2");
        Trainer.Run(plainRun, data, new OneHotAugmentation(), TestLosses.CrossEntropy, straight);

        // A plain run writes the identity every checkpoint had before flattening existed: no flatParameters entry.
        string folder = Path.Combine(_root, "old");
        using var cancel = new CancellationTokenSource();
        var afterTwo = new SyncProgress(p => { if (p.Phase == TrainingPhase.EpochEnd && p.Epoch == 2) cancel.Cancel(); });
        using (var first = Model("resnet9v2"))
            Assert.Equal(TrainingStatus.Cancelled, Trainer.Run(plainRun, data, new OneHotAugmentation(), TestLosses.CrossEntropy, first, new TrainingCheckpoints(folder), afterTwo, cancel.Token).Status);
        Assert.False(new TrainingCheckpoints(folder).ReadLatestSummary()!.Identity.ContainsKey(RunIdentity.FlatParametersSetting));

        using var resumed = Model("resnet9v2");
        var finished = Trainer.Run(plainRun with { FlatParameters = null }, data, new OneHotAugmentation(), TestLosses.CrossEntropy, resumed, new TrainingCheckpoints(folder, resume: true));
        Assert.Equal(TrainingStatus.Completed, finished.Status);
        Assert.False(new TrainingCheckpoints(folder).ReadLatestSummary()!.Identity.ContainsKey(RunIdentity.FlatParametersSetting));
        SameWeights.Check(straight, resumed);
    }

    [Theory]
    [InlineData("model.pth")]
    [InlineData("model.safetensors")]
    public void AfterAFlattenedRunEveryParameterOwnsItsStorageAndTheWeightsFileReadsBack(string file)
    {
        using var data = InMemoryBatchSource.Learnable();
        using var trained = Model("resnet9v2");
        Trainer.Run(Run(Settings(OptimizerKind.Adam), epochs: 1) with { FlatParameters = true }, data, new OneHotAugmentation(), TestLosses.CrossEntropy, trained);
        Assert.All(trained.parameters(), p =>
        {
            Assert.Equal(0, p.storage_offset());
            Assert.Null(p.grad);
        });

        Directory.CreateDirectory(_root);
        string path = Path.Combine(_root, file);
        StateDictFiles.Save(trained, path);
        torch.manual_seed(99);
        using var loaded = ModelCatalog.Create("resnet9v2", 4, 1, dropout: 0.3);
        StateDictFiles.LoadStrict(loaded, path);
        SameWeights.Check(trained, loaded);
    }

    [Fact]
    public void PackingKeepsTheValuesAndMakesEveryParameterAViewOfOneBuffer()
    {
        using var model = Model("resnet9v2");
        var before = model.parameters().Select(p => p.detach().clone()).ToList();
        using var flat = FlatParameters.Pack(model);
        var parameters = model.parameters().ToList();

        Assert.Equal(parameters.Sum(p => p.numel()), flat.Parameter.numel());
        for (int i = 0; i < parameters.Count; i++)
        {
            Assert.True(parameters[i].equal(before[i]).all().item<bool>(), $"parameter {i} changed");
            using var grad = parameters[i].grad!;
            Assert.True(grad.eq(0f).all().item<bool>());
        }
        using (torch.no_grad()) flat.Parameter.fill_(2f);
        Assert.All(parameters, p => Assert.True(p.eq(2f).all().item<bool>()));
        foreach (var t in before) t.Dispose();
    }
}
