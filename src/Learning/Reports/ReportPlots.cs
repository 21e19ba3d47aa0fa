using System.Globalization;
using ScottPlot;

namespace LossSearch.Learning.Reports;

/// <summary>One point of an evolution curve: after <see cref="Evaluations"/> candidates, the best and the population's median fitness.</summary>
public sealed record EvolutionPoint(int Evaluations, double Best, double Median);

/// <summary>One series of a training-curve plot, e.g. a loss's test top-1 per epoch.</summary>
public sealed record CurveSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>The PNG plots of reports: evolution curves, accuracy heatmaps, training curves.</summary>
public static class ReportPlots
{
    private const int Width = 900, Height = 560;

    /// <summary>Best-so-far and median fitness per evaluation; <paramref name="reference"/> (cross-entropy's own fitness) as a horizontal line.</summary>
    public static void EvolutionCurve(IReadOnlyList<EvolutionPoint> points, string title, string path, double? reference = null)
    {
        var plot = new Plot();
        var x = points.Select(p => (double)p.Evaluations).ToArray();
        plot.Add.ScatterLine(x, points.Select(p => p.Best).ToArray()).LegendText = "best so far";
        plot.Add.ScatterLine(x, points.Select(p => p.Median).ToArray()).LegendText = "population median";
        if (reference is double r)
            plot.Add.HorizontalLine(r).LegendText = $"cross-entropy {r:F4}";
        plot.Title(title);
        plot.XLabel("candidates evaluated");
        plot.YLabel("fitness (validation top-1)");
        plot.ShowLegend(Alignment.LowerRight);
        Save(plot, path);
    }

    public static void TrainingCurves(IReadOnlyList<CurveSeries> series, string title, string yLabel, string path)
    {
        var plot = new Plot();
        foreach (var s in series)
            plot.Add.ScatterLine(s.X.ToArray(), s.Y.ToArray()).LegendText = s.Name;
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        if (series.Count > 0) plot.ShowLegend(Alignment.LowerRight);
        Save(plot, path);
    }

    /// <summary>Mean top-1 (%) per loss (rows) × augmentation (columns) of one dataset, values written in the cells.</summary>
    public static void AccuracyHeatmap(ResultTable table, string dataset, string path)
    {
        var losses = table.Losses(dataset);
        var augmentations = table.Augmentations(dataset);
        var values = new double[losses.Count, augmentations.Count];
        for (int r = 0; r < losses.Count; r++)
            for (int c = 0; c < augmentations.Count; c++)
                values[r, c] = table.Cell(dataset, augmentations[c], losses[r]) is { } cell ? 100 * cell.Top1.Mean : double.NaN;

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heatmap);
        // ScottPlot draws row 0 at the top: row r is centred at y = rows − 1 − r, column c at x = c.
        for (int r = 0; r < losses.Count; r++)
            for (int c = 0; c < augmentations.Count; c++)
                if (!double.IsNaN(values[r, c]))
                {
                    var label = plot.Add.Text(values[r, c].ToString("F1", CultureInfo.InvariantCulture), c, losses.Count - 1 - r);
                    label.LabelAlignment = Alignment.MiddleCenter;
                    label.LabelFontColor = Colors.White;
                }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, augmentations.Count).Select(i => (double)i).ToArray(), augmentations.ToArray());
        plot.Axes.Left.SetTicks(
            Enumerable.Range(0, losses.Count).Select(r => (double)(losses.Count - 1 - r)).ToArray(),
            losses.Select(Shorten).ToArray());
        plot.Title($"{dataset}: top-1 (%)");
        Save(plot, path, Width + 300, Math.Max(Height, 120 + 40 * losses.Count));
    }

    private static string Shorten(string loss) => loss.Length <= 40 ? loss : loss[..37] + "...";

    private static void Save(Plot plot, string path, int width = Width, int height = Height)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string temp = path + ".tmp.png";
        plot.SavePng(temp, width, height);
        File.Move(temp, path, overwrite: true);
    }
}
