using System.Globalization;
using System.Text;

namespace LossSearch.Learning.Reports;

/// <summary>Renders a <see cref="ResultTable"/> as Markdown (one table per dataset) and as long-format CSV.</summary>
public static class ResultTableWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Markdown(ResultTable table)
    {
        var text = new StringBuilder();
        foreach (var dataset in table.Datasets)
        {
            var augmentations = table.Augmentations(dataset);
            text.Append("### ").Append(dataset).Append("\n\n");
            text.Append("| loss | ").Append(string.Join(" | ", augmentations.Select(Escape))).Append(" |\n");
            text.Append("|---|").Append(string.Concat(augmentations.Select(_ => "---:|"))).Append('\n');
            foreach (var loss in table.Losses(dataset))
            {
                text.Append("| `").Append(loss.Replace("`", "'")).Append("` |");
                foreach (var augmentation in augmentations)
                    text.Append(' ').Append(table.Cell(dataset, augmentation, loss) is { } cell ? MarkdownCell(cell) : "–").Append(" |");
                text.Append('\n');
            }
            text.Append("\nTop-1 accuracy (%) on the test split, mean ± std over seeds; **bold** is the best loss per augmentation; ")
                .Append("Δ is the mean paired difference to `").Append(table.Baseline).Append("` in points, p from a paired t-test over seeds.\n\n");
        }
        return text.ToString();
    }

    public static string Csv(ResultTable table)
    {
        var text = new StringBuilder("dataset,augmentation,loss,seeds,top1_mean,top1_std,diff_to_baseline,p_value,best\n");
        foreach (var c in table.Cells)
        {
            text.AppendJoin(',',
                CsvField(c.Dataset), CsvField(c.Augmentation), CsvField(c.Loss),
                c.Top1.Count.ToString(Invariant),
                c.Top1.Mean.ToString("R", Invariant), c.Top1.StandardDeviation.ToString("R", Invariant),
                c.DifferenceToBaseline?.ToString("R", Invariant) ?? "",
                c.VersusBaseline?.P.ToString("R", Invariant) ?? "",
                c.IsBest ? "true" : "false");
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string MarkdownCell(ResultCell cell)
    {
        string value = cell.Top1.Count > 1
            ? string.Format(Invariant, "{0:F2} ± {1:F2}", 100 * cell.Top1.Mean, 100 * cell.Top1.StandardDeviation)
            : string.Format(Invariant, "{0:F2}", 100 * cell.Top1.Mean);
        if (cell.IsBest) value = $"**{value}**";
        if (cell.DifferenceToBaseline is double difference)
        {
            value += string.Format(Invariant, " (Δ {0:+0.00;-0.00;0.00}", 100 * difference);
            value += cell.VersusBaseline is { } test ? string.Format(Invariant, ", p={0:0.000})", test.P) : ")";
        }
        return value;
    }

    private static string Escape(string text) => text.Replace("|", "\\|");

    private static string CsvField(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
