using LossSearch.Learning.Statistics;

namespace LossSearch.Learning.Reports;

/// <summary>One cell: a loss on a dataset under an augmentation, summarised over seeds and compared with the baseline.</summary>
public sealed record ResultCell(
    string Dataset, string Augmentation, string Loss, SampleSummary Top1,
    double? DifferenceToBaseline, PairedTTest? VersusBaseline, bool IsBest);

/// <summary>
/// Accuracy per loss × augmentation per dataset, as the paper's tables: mean ± std over seeds, the
/// best loss of each (dataset, augmentation) marked, and the difference to the baseline loss with a
/// paired t-test over the seeds both have.
/// </summary>
public sealed class ResultTable
{
    private ResultTable(IReadOnlyList<ResultCell> cells, string baseline)
    {
        Cells = cells;
        Baseline = baseline;
    }

    public IReadOnlyList<ResultCell> Cells { get; }
    public string Baseline { get; }
    public IReadOnlyList<string> Datasets => Cells.Select(c => c.Dataset).Distinct().ToList();
    public IReadOnlyList<string> Augmentations(string dataset) => Cells.Where(c => c.Dataset == dataset).Select(c => c.Augmentation).Distinct().ToList();
    public IReadOnlyList<string> Losses(string dataset) => Cells.Where(c => c.Dataset == dataset).Select(c => c.Loss).Distinct().ToList();
    public ResultCell? Cell(string dataset, string augmentation, string loss) =>
        Cells.FirstOrDefault(c => c.Dataset == dataset && c.Augmentation == augmentation && c.Loss == loss);

    public static ResultTable From(IEnumerable<RunResult> runs, string baseline)
    {
        var list = runs.ToList();
        var cells = new List<ResultCell>();
        foreach (var group in list.GroupBy(r => (r.Dataset, r.Augmentation)))
        {
            var byLoss = group.GroupBy(r => r.Loss).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Seed, r => r.Top1));
            byLoss.TryGetValue(baseline, out var baselineBySeed);
            double best = byLoss.Values.Max(s => s.Values.Average());
            foreach (var (loss, bySeed) in byLoss)
            {
                var summary = SampleSummary.Of(bySeed.Values.ToList());
                double? difference = null;
                PairedTTest? test = null;
                if (baselineBySeed is not null && loss != baseline)
                {
                    var seeds = bySeed.Keys.Intersect(baselineBySeed.Keys).OrderBy(s => s).ToList();
                    if (seeds.Count > 0)
                        difference = seeds.Average(s => bySeed[s] - baselineBySeed[s]);
                    if (seeds.Count >= 2)
                        test = PairedTTest.Of(seeds.Select(s => bySeed[s]).ToList(), seeds.Select(s => baselineBySeed[s]).ToList());
                }
                cells.Add(new ResultCell(group.Key.Dataset, group.Key.Augmentation, loss, summary, difference, test, summary.Mean == best));
            }
        }
        return new ResultTable(cells, baseline);
    }
}
