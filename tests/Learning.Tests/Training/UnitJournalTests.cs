using LossSearch.Learning.Data;
using LossSearch.Learning.Runtime;
using LossSearch.Learning.Training;

namespace LossSearch.Learning.Tests.Training;

public class UnitJournalTests
{
    private static readonly GridUnit Unit = new("cross-entropy", "synthetic:cifar10?n=64&test=16&seed=2", "baseline", 1);

    private static TrainingGrid Grid() => new([Unit],
        u => new TrainingJob("wrn-10-1", u.Augmentation, u.Loss, new TrainingRun
        {
            Epochs = 3, StepsPerEpoch = 2, BatchSize = 16, Seed = u.Seed, Device = "cpu",
            Optimizer = new OptimizerSettings(OptimizerKind.Sgd, 0.05, Momentum: 0.9, Nesterov: true),
        }),
        new DatasetOptions { ValidationCount = 0, Device = DeviceSelection.Resolve("cpu") });

    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "losssearch-unit-journal", Guid.NewGuid().ToString("N"));

    [Fact]
    public void AUnitCutOffAfterAnEpochRecordsBothAttemptsAndTheEpochItContinuedFrom()
    {
        var straight = Grid().Run(NewFolder()).Single();
        Assert.Equal(0, straight.ResumedFromEpoch);

        string folder = NewFolder();
        using (var cancel = new CancellationTokenSource())
        {
            var cutAfterFirstEpoch = new InlineProgress<GridProgress>(p => { if (p.Training is { Phase: TrainingPhase.EpochEnd, Epoch: 1 }) cancel.Cancel(); });
            Assert.ThrowsAny<OperationCanceledException>(() => Grid().Run(folder, cutAfterFirstEpoch, cancel.Token));
        }
        var resumed = Grid().Run(folder).Single();

        string unitFolder = TrainingGrid.UnitDirectory(folder, Unit);
        var journal = UnitJournal.Read(unitFolder);
        Assert.Equal([UnitJournal.Started, UnitJournal.Started, UnitJournal.Finished], journal.Select(e => e.Event));
        Assert.Equal((0, 0L), (journal[0].Epoch, journal[0].Step));
        // Epoch 1 done; the cancel may land a step into epoch 2, which is then checkpointed too.
        Assert.Equal(1, journal[1].Epoch);
        Assert.InRange(journal[1].Step, 2, 3);
        Assert.Equal((1, journal[1].Step, "Completed"), (journal[2].Epoch, journal[2].Step, journal[2].Status));
        Assert.Equal(1, resumed.ResumedFromEpoch);
        Assert.Equal(3, resumed.History.Count);
        Assert.Equal(straight.Top1, resumed.Top1);
        Assert.Equal(straight.History.Select(e => e.TrainLoss), resumed.History.Select(e => e.TrainLoss));
    }
}
