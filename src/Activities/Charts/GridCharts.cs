using LossSearch.Learning.Training;

namespace LossSearch.Activities.Charts;

/// <summary>
/// A training grid's chart: each unit folder (<c>units/&lt;key&gt;/</c>) is finished when it holds its
/// <c>result.json</c>, else training, with its epochs so far in its newest checkpoint.
/// </summary>
public static class GridCharts
{
    public static ActivityChart Read(string checkpointDirectory)
    {
        var running = new List<RunningUnitChart>();
        var finished = new List<FinishedUnitRow>();
        string units = Path.Combine(checkpointDirectory, "units");
        if (Directory.Exists(units))
            foreach (var folder in Directory.EnumerateDirectories(units).Order(StringComparer.Ordinal))
            {
                if (TrainingGrid.TryReadResult(folder) is { } r)
                    finished.Add(new FinishedUnitRow(r.Loss, r.Dataset, r.Augmentation, r.Seed, r.Status, ChartNumbers.Finite(r.Top1),
                        ChartNumbers.Finite(r.ValidationTop1), r.BestEpoch, r.History.Count));
                else if (new TrainingCheckpoints(Path.Combine(folder, "checkpoints")).ReadLatestSummary() is { } summary)
                    running.Add(new RunningUnitChart(Path.GetFileName(folder), summary.Identity.GetValueOrDefault("loss"), summary.Identity.GetValueOrDefault("data"),
                        summary.Identity.GetValueOrDefault("augmentation"),
                        summary.History.Select(e => new EpochChartPoint(e.Epoch, ChartNumbers.Finite(e.TrainLoss), ChartNumbers.Finite(e.TrainAccuracy),
                            ChartNumbers.Finite(e.Loss), ChartNumbers.Finite(e.Top1))).ToList()));
            }
        return new ActivityChart("grid", null, new GridChart(running, finished));
    }
}
