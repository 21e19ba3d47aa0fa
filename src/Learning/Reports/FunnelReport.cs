using System.Globalization;
using System.Text;
using LossSearch.Learning.Losses;
using LossSearch.Learning.Search;
using LossSearch.Learning.Training;
using LossSearch.Learning.IO;

namespace LossSearch.Learning.Reports;

/// <summary>One finished search as the report shows it.</summary>
public sealed record SearchSummary(string Augmentation, int Seed, IReadOnlyList<RankedLoss> Top, int Evaluated, IReadOnlyDictionary<string, int> Rejected, string Plot)
{
    /// <summary>Cross-entropy's own fitness with the search's recipe (null: not scored or failed).</summary>
    public double? ReferenceFitness { get; init; }
    public string? Protocol { get; init; }
}

/// <summary>One training stage's grid results, titled.</summary>
public sealed record StageResults(string Title, string Slug, IReadOnlyList<GridUnitResult> Results);

/// <summary>
/// Writes the funnel's report into a folder: <c>report.md</c> (tables like the paper's, every loss in
/// text and LaTeX, the plots), one CSV per training stage, and the PNG plots it links.
/// </summary>
public static class FunnelReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static IReadOnlyList<string> Write(string folder, IReadOnlyList<SearchSummary> searches, IReadOnlyList<StageResults> stages, string baseline)
    {
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        var text = new StringBuilder("# LossSearch report\n\n");
        var losses = new List<string>();
        void NoteLoss(string loss) { if (!losses.Contains(loss)) losses.Add(loss); }

        if (searches.Count > 0)
        {
            text.Append("## Evolution\n\n");
            foreach (var search in searches)
            {
                text.Append(Invariant, $"### {search.Augmentation}, seed {search.Seed}\n\n");
                if (search.Protocol is not null) text.Append(Invariant, $"Protocol: {search.Protocol}. ");
                text.Append(Invariant, $"{search.Evaluated} candidates trained; rejected: ")
                    .Append(search.Rejected.Count == 0 ? "none" : string.Join(", ", search.Rejected.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}")))
                    .Append(".\n\n");
                text.Append(search.ReferenceFitness is double reference
                    ? string.Create(Invariant, $"Cross-entropy's own fitness with the same recipe, seeds and data (surrogate stage, validation split): {reference:F4}; the best loss {(search.Top.Count > 0 && search.Top[0].Fitness > reference ? "beats" : "does not beat")} it.\n\n")
                    : "Cross-entropy's own fitness: not scored, or its training failed.\n\n");
                text.Append("| rank | fitness | loss |\n|---:|---:|---|\n");
                for (int i = 0; i < search.Top.Count; i++)
                {
                    text.Append(Invariant, $"| {i + 1} | {search.Top[i].Fitness:F4} | `{search.Top[i].Expression}` |\n");
                    NoteLoss(search.Top[i].Expression);
                }
                if (File.Exists(search.Plot))
                {
                    string name = $"evolution-{Slug(search.Augmentation)}-seed{search.Seed}.png";
                    File.Copy(search.Plot, Path.Combine(folder, name), overwrite: true);
                    files.Add(name);
                    text.Append("\n![evolution](").Append(name).Append(")\n");
                }
                text.Append('\n');
            }
        }

        foreach (var stage in stages.Where(s => s.Results.Count > 0))
        {
            // Losses arrive as names or expressions; canonical text makes the baseline match either.
            var runs = stage.Results.Select(r => new RunResult(Canonical(r.Loss), r.Dataset, r.Augmentation, r.Seed, r.Top1, r.Top5)).ToList();
            var table = ResultTable.From(runs, Canonical(baseline));
            text.Append("## ").Append(stage.Title).Append("\n\n").Append(SplitNote(stage.Results)).Append(ResultTableWriter.Markdown(table));
            string csv = $"{stage.Slug}.csv";
            AtomicFile.Write(Path.Combine(folder, csv), s => s.Write(Encoding.UTF8.GetBytes(ResultTableWriter.Csv(table))));
            files.Add(csv);
            text.Append("Table as CSV: [").Append(csv).Append("](").Append(csv).Append(")\n\n");
            foreach (var dataset in table.Datasets)
            {
                string heatmap = $"{stage.Slug}-{Slug(dataset)}-heatmap.png";
                ReportPlots.AccuracyHeatmap(table, dataset, Path.Combine(folder, heatmap));
                files.Add(heatmap);
                text.Append("![").Append(dataset).Append(" heatmap](").Append(heatmap).Append(")\n\n");
                foreach (var augmentation in table.Augmentations(dataset))
                {
                    var series = stage.Results
                        .Where(r => r.Dataset == dataset && r.Augmentation == augmentation)
                        .GroupBy(r => Canonical(r.Loss))
                        .Select(g => g.OrderBy(r => r.Seed).First())
                        .Select(r => new CurveSeries(Shorten(r.Loss), r.History.Select(e => (double)e.Epoch).ToList(), r.History.Select(e => 100 * e.Top1).ToList()))
                        .ToList();
                    string curves = $"{stage.Slug}-{Slug(dataset)}-{Slug(augmentation)}-curves.png";
                    string curveSplit = stage.Results.First(r => r.Dataset == dataset && r.Augmentation == augmentation).HistorySplit;
                    ReportPlots.TrainingCurves(series, $"{dataset}, {augmentation}: {curveSplit} top-1 per epoch (first seed)", "top-1 (%)", Path.Combine(folder, curves));
                    files.Add(curves);
                    text.Append("![").Append(dataset).Append(' ').Append(augmentation).Append(" curves](").Append(curves).Append(")\n\n");
                }
            }
            foreach (var run in runs) NoteLoss(run.Loss);
        }

        if (losses.Count > 0)
        {
            text.Append("## Losses\n\n");
            foreach (var loss in losses)
            {
                var expression = LossCatalog.Resolve(loss);
                text.Append("- `").Append(loss).Append('`');
                if (expression.ToString() != loss) text.Append(" = `").Append(expression).Append('`');
                text.Append("\n\n  $$").Append(LossLatex.Render(expression)).Append("$$\n\n");
            }
        }

        AtomicFile.Write(Path.Combine(folder, "report.md"), s => s.Write(Encoding.UTF8.GetBytes(text.ToString())));
        files.Insert(0, "report.md");
        return files;
    }

    /// <summary>Which split each number of a stage comes from, and which one its selection scores came from.</summary>
    public static string SplitNote(IReadOnlyList<GridUnitResult> results)
    {
        var curves = results.Select(r => r.HistorySplit).Distinct().ToList();
        var selectedOn = results.Select(r => r.SelectedOn).Where(s => s is not null).Distinct().ToList();
        var note = new StringBuilder("Table: final-epoch top-1 on the **test** split. Curves: top-1 per epoch on the ")
            .Append(string.Join(" and ", curves)).Append(" split. ");
        if (selectedOn.Contains(TrainingGrid.TestSplit))
            note.Append("Scores passed on to selection: final test top-1 (`selectOn: test`, the paper's practice — the next stage's losses were chosen on the test split, so its test accuracies are not held out).");
        else if (selectedOn.Contains(TrainingGrid.ValidationSplit))
            note.Append("Scores passed on to selection: final validation top-1 (a stratified, seeded carve from the training split); the test split is only reported.");
        return note.Append("\n\n").ToString();
    }

    private static string Canonical(string loss) => LossCatalog.Resolve(loss).ToString();

    private static string Slug(string text)
    {
        var slug = new string(text.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');
        return slug.Length <= 40 ? slug : slug[..40];
    }

    private static string Shorten(string loss) => loss.Length <= 48 ? loss : loss[..45] + "...";
}
