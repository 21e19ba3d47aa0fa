using LossSearch.Learning.Training;

namespace LossSearch.Activities.Tests;

public class TrainWrnTests
{
    private static TrainWrn Tiny() => new()
    {
        Losses = ["cross-entropy", "focal"],
        Datasets = ["synthetic:cifar10?n=96&test=32&seed=3"],
        Augmentations = ["baseline", "cutmix"],
        Seeds = [1],
        Depth = 10,
        Width = 1,
        Epochs = 2,
        StepsPerEpoch = 2,
        Batch = 16,
        LearningRate = 0.05,
        DropEpochs = [1],
        Device = "cpu",
    };

    private static string Fingerprint(IEnumerable<GridUnitResult> results) =>
        string.Join("\n", results.Select(r => $"{r.Loss}|{r.Augmentation}|{r.Seed}|{r.Top1:R}|{r.Top5:R}|{string.Join(",", r.History.Select(e => e.TrainLoss.ToString("R")))}"));

    [Fact]
    public async Task KilledMidGridResumesWithoutRetrainingFinishedUnits()
    {
        var straight = Tiny();
        string folder0 = TestContexts.NewFolder("grid-straight");
        await straight.ExecuteAsync(new TestContexts().For("trainWrn", folder0));
        Assert.Equal(4, straight.Results.Count);
        Assert.Equal(4, straight.Table.Count);
        Assert.All(straight.Results, r => Assert.Equal(2, r.History.Count));
        AssertChart(straight, Path.Combine(folder0, "trainWrn"));

        string folder = TestContexts.NewFolder("grid-killed");
        using (var cancel = new CancellationTokenSource())
        {
            // Cancel when the third unit starts: two are finished, two are not.
            var contexts = new TestContexts { OnReport = r => { if (r.Message?.StartsWith("unit 3/4") == true) cancel.Cancel(); } };
            var killed = Tiny();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => killed.ExecuteAsync(contexts.For("trainWrn", folder, cancel.Token)));
        }
        var finished = Directory.GetFiles(folder, TrainingGrid.ResultFile, SearchOption.AllDirectories);
        Assert.Equal(2, finished.Length);
        var stamps = finished.ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var resumed = Tiny();
        await resumed.ExecuteAsync(new TestContexts().For("trainWrn", folder, attempt: 2));
        Assert.Equal(Fingerprint(straight.Results), Fingerprint(resumed.Results));
        foreach (var (file, stamp) in stamps) Assert.Equal(stamp, File.GetLastWriteTimeUtc(file));
    }

    /// <summary>
    /// The dashboard's chart of a grid: finished units from their result.json; a unit without one counts as
    /// training, drawn from its newest checkpoint (here a finished unit's, its result taken away).
    /// </summary>
    private static void AssertChart(TrainWrn grid, string directory)
    {
        var chart = grid.ReadChart(directory);
        Assert.Equal("grid", chart.Kind);
        Assert.Empty(chart.Grid!.Running);
        Assert.Equal(grid.Results.Select(r => $"{r.Loss}|{r.Augmentation}|{r.Top1:R}|2").Order(),
            chart.Grid.Finished.Select(r => $"{r.Loss}|{r.Augmentation}|{r.Top1:R}|{r.Epochs}").Order());

        var unit = grid.Results[0];
        string unitFolder = TrainingGrid.UnitDirectory(directory, grid.Units()[0]);
        File.Delete(Path.Combine(unitFolder, TrainingGrid.ResultFile));
        chart = grid.ReadChart(directory);
        Assert.Equal(3, chart.Grid!.Finished.Count);
        var running = Assert.Single(chart.Grid.Running);
        Assert.Equal(grid.Units()[0].Key, running.Unit);
        Assert.False(string.IsNullOrEmpty(running.Loss));
        Assert.Equal(unit.Augmentation, running.Augmentation);
        Assert.Equal(unit.History.Select(e => (e.Epoch, e.TrainLoss, e.Top1)), running.Epochs.Select(e => (e.Epoch, e.TrainLoss!.Value, e.Top1!.Value)));
    }

    [Fact]
    public async Task AMissingDatasetFailsBeforeAnyTraining()
    {
        var activity = Tiny();
        activity.Datasets = ["cifar10:/nonexistent/cifar-10-batches-bin"];
        string folder = TestContexts.NewFolder("grid-missing");
        var error = await Assert.ThrowsAnyAsync<Exception>(() => activity.ExecuteAsync(new TestContexts().For("trainWrn", folder)));
        Assert.Contains("/nonexistent/cifar-10-batches-bin", error.Message);
        Assert.Empty(Directory.GetDirectories(Path.Combine(folder, "trainWrn")));
    }
}
