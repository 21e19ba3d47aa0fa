using System.Text;
using LossSearch.Learning.Search;

namespace LossSearch.Activities.Tests;

public class EvolveAndReportTests
{
    private static Evolve TinySearch() => new()
    {
        Dataset = "synthetic:cifar10?n=240&test=40&seed=1",
        Augmentations = ["cutout"],
        Seeds = [1],
        Population = 3,
        Sample = 2,
        Children = 3,
        Initial = 4,
        CheapInitialScoring = false,
        Steps = 24,
        StepsPerEpoch = 12,
        Batch = 32,
        Warmup = 4,
        Top = 3,
        Device = "cpu",
    };

    [Fact]
    public async Task EvolveRunsARealSearchAndReportWritesEveryTableAndPlot()
    {
        string folder = TestContexts.NewFolder("funnel");
        var evolve = TinySearch();
        var contexts = new TestContexts();
        await evolve.ExecuteAsync(contexts.For("evolve", folder));
        // Heartbeats while a candidate trains, not only between candidates: a long training is not a stall.
        Assert.Contains(contexts.Reports, r => r.Message?.Contains("cutout seed 1: training a candidate, step") == true);

        var search = Assert.Single(evolve.Searches);
        Assert.Equal("cutout", search.Augmentation);
        Assert.InRange(search.Top.Count, 1, 3);
        Assert.True(File.Exists(search.History) && File.Exists(search.Plot) && File.Exists(search.Summary));
        var records = SearchHistory.Read(search.History).ToList();
        Assert.Equal(3, records.Count(r => r.Phase == SearchPhase.Child && r.Verdict is CandidateVerdict.Evaluated or CandidateVerdict.Duplicate));
        Assert.All(records.Where(r => r.Verdict == CandidateVerdict.Evaluated), r =>
        {
            Assert.NotNull(r.Metrics);
            Assert.InRange(r.Fitness!.Value, 0, 1);
        });
        Assert.Equal(search.Top.Count, evolve.Scores.Count);

        // The dashboard's chart comes from what the search's checkpoint kept: one point when the population
        // formed and one per child, against the trainings so far, and the same rejections as the outcome.
        var chart = evolve.ReadChart(Path.Combine(folder, "evolve"));
        Assert.Equal("evolution", chart.Kind);
        var curve = Assert.Single(chart.Searches!);
        Assert.Equal("cutout-seed1", curve.Search);
        Assert.Equal(1 + 3, curve.Curve.Count);
        Assert.True(curve.Curve.Zip(curve.Curve.Skip(1)).All(p => p.First.Evaluated <= p.Second.Evaluated && p.First.Best <= p.Second.Best));
        Assert.Equal(search.Top[0].Fitness, curve.Curve[^1].Best);
        Assert.All(curve.Curve, p => Assert.InRange(p.Median!.Value, 0, p.Best!.Value));
        Assert.Equal(search.Rejected.OrderBy(r => r.Key), curve.Rejections.OrderBy(r => r.Key));
        Assert.Equal(search.ReferenceFitness, curve.ReferenceFitness);

        var wrn = new TrainWrn
        {
            Losses = [.. search.Top.Take(1).Select(t => t.Expression), "cross-entropy"],
            Datasets = ["synthetic:cifar10?n=64&test=32&seed=2"],
            Augmentations = ["cutout"],
            Seeds = [1, 2],
            Depth = 10, Width = 1, Epochs = 2, StepsPerEpoch = 2, Batch = 16, DropEpochs = [1], Device = "cpu",
        };
        await wrn.ExecuteAsync(new TestContexts().For("trainWrn", folder));

        var report = new Report { Searches = evolve.Searches, Wrn = wrn.Results };
        await report.ExecuteAsync(new TestContexts().For("report", folder));
        string reportFolder = Path.GetDirectoryName(report.ReportPath)!;
        string markdown = File.ReadAllText(report.ReportPath);

        Assert.Contains("## Evolution", markdown);
        Assert.NotNull(search.ReferenceFitness);
        Assert.Contains($"Cross-entropy's own fitness with the same recipe, seeds and data (surrogate stage, validation split): {search.ReferenceFitness:F4}", markdown);
        Assert.Contains("Protocol: ours.", markdown);
        Assert.Contains("## WideResNet", markdown);
        Assert.Contains("## Losses", markdown);
        Assert.Contains("$$", markdown);
        // Every image or link the Markdown names exists in the report folder.
        foreach (var link in System.Text.RegularExpressions.Regex.Matches(markdown, @"\]\(([^)]+)\)").Select(m => m.Groups[1].Value))
            Assert.True(File.Exists(Path.Combine(reportFolder, link)), link);
        // Markdown tables are rectangular.
        foreach (var block in markdown.Split("\n\n").Where(b => b.StartsWith('|')))
        {
            var widths = block.Split('\n').Where(l => l.StartsWith('|')).Select(l => l.Count(c => c == '|')).Distinct();
            Assert.Single(widths);
        }
        var csv = File.ReadAllLines(Path.Combine(reportFolder, "wrn.csv"));
        Assert.Equal(3, csv.Length); // header + two losses
        Assert.All(csv.Skip(1), line =>
        {
            var fields = CsvFields(line);
            Assert.Equal(9, fields.Count);
            Assert.Equal("2", fields[3]); // seeds
            Assert.InRange(double.Parse(fields[4], System.Globalization.CultureInfo.InvariantCulture), 0, 1);
        });
        foreach (var png in report.Files.Where(f => f.EndsWith(".png")))
            Assert.Equal("\x89PNG", Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(reportFolder, png))[..4]));
        Assert.Contains(report.Files, f => f.StartsWith("evolution-"));
        Assert.Contains(report.Files, f => f.EndsWith("-heatmap.png"));
        Assert.Contains(report.Files, f => f.EndsWith("-curves.png"));
    }

    /// <summary>RFC 4180 fields of one line: quoted fields may hold commas and doubled quotes.</summary>
    private static List<string> CsvFields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }

    [Fact]
    public async Task ParallelSearchesWithRealTrainingAreReproducible()
    {
        async Task<List<string>> Search()
        {
            var evolve = TinySearch();
            evolve.Parallel = 2;
            await evolve.ExecuteAsync(new TestContexts().For("evolve", TestContexts.NewFolder("parallel")));
            return SearchHistory.Read(evolve.Searches[0].History)
                .Select(r => $"{r.Id}|{r.ParentId}|{r.Expression}|{r.Verdict}|{r.Fitness:R}|{r.Metrics?.LastTrainTop1:R}")
                .ToList();
        }
        var first = await Search();
        var second = await Search();
        Assert.Equal(first, second);
        Assert.Contains(first, line => line.Contains("|Evaluated|"));
    }

    [Fact]
    public async Task ImpossibleSearchSettingsFailBeforeTraining()
    {
        var evolve = TinySearch();
        evolve.Sample = 5;
        var error = await Assert.ThrowsAsync<LossSearch.Learning.InvalidInputException>(() =>
            evolve.ExecuteAsync(new TestContexts().For("evolve", TestContexts.NewFolder("bad"))));
        Assert.StartsWith("sample", error.Message);
    }
}
