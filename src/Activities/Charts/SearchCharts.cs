using LossSearch.Learning.Search;

namespace LossSearch.Activities.Charts;

/// <summary>
/// Evolve's chart: every search folder under the activity's (one per augmentation and seed, named by
/// its work item) that holds a search checkpoint, whose state keeps the whole curve and the rejection counts.
/// </summary>
public static class SearchCharts
{
    public static ActivityChart Read(string checkpointDirectory)
    {
        var searches = new List<SearchChart>();
        if (Directory.Exists(checkpointDirectory))
            foreach (var folder in Directory.EnumerateDirectories(checkpointDirectory).Order(StringComparer.Ordinal))
            {
                var checkpoint = new SearchCheckpoint(folder);
                if (!File.Exists(checkpoint.LatestPath) && !File.Exists(checkpoint.PreviousPath)) continue;
                if (checkpoint.Load(out _) is not { } state) continue;
                searches.Add(new SearchChart(
                    Path.GetFileName(folder),
                    state.Trainings,
                    state.Curve.Select(p => new SearchChartPoint(p.Evaluations, ChartNumbers.Finite(p.Best), ChartNumbers.Finite(p.Median))).ToList(),
                    new SortedDictionary<string, int>(state.Rejections, StringComparer.Ordinal),
                    ChartNumbers.Finite(state.ReferenceFitness)));
            }
        return new ActivityChart("evolution", searches, null);
    }
}
