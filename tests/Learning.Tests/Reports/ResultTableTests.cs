using LossSearch.Learning.Reports;

namespace LossSearch.Learning.Tests.Reports;

public class ResultTableTests
{
    private static readonly RunResult[] Runs =
    [
        new("cross-entropy", "cifar10", "cutmix", 1, 0.90),
        new("cross-entropy", "cifar10", "cutmix", 2, 0.91),
        new("cross-entropy", "cifar10", "cutmix", 3, 0.92),
        new("focal", "cifar10", "cutmix", 1, 0.92),
        new("focal", "cifar10", "cutmix", 2, 0.92),
        new("focal", "cifar10", "cutmix", 3, 0.95),
        new("cross-entropy", "cifar10", "mixup", 1, 0.80),
        new("focal", "cifar10", "mixup", 1, 0.70),
    ];

    [Fact]
    public void CellsSummariseSeedsAndCompareWithBaseline()
    {
        var table = ResultTable.From(Runs, "cross-entropy");
        var focal = table.Cell("cifar10", "cutmix", "focal")!;
        Assert.Equal(3, focal.Top1.Count);
        Assert.Equal((0.92 + 0.92 + 0.95) / 3, focal.Top1.Mean, 12);
        // paired differences 0.02, 0.01, 0.03: mean 0.02, sd 0.01, t = 0.02 / (0.01/√3) = 2√3.
        Assert.Equal(0.02, focal.DifferenceToBaseline!.Value, 12);
        Assert.Equal(2 * Math.Sqrt(3), focal.VersusBaseline!.T, 9);
        Assert.True(focal.IsBest);
        Assert.False(table.Cell("cifar10", "cutmix", "cross-entropy")!.IsBest);
        Assert.Null(table.Cell("cifar10", "cutmix", "cross-entropy")!.DifferenceToBaseline);
    }

    [Fact]
    public void SingleSeedHasDifferenceButNoTest()
    {
        var table = ResultTable.From(Runs, "cross-entropy");
        var focal = table.Cell("cifar10", "mixup", "focal")!;
        Assert.Equal(-0.10, focal.DifferenceToBaseline!.Value, 12);
        Assert.Null(focal.VersusBaseline);
        Assert.True(table.Cell("cifar10", "mixup", "cross-entropy")!.IsBest);
    }

    [Fact]
    public void MarkdownHasOneRowPerLossAndBoldBest()
    {
        var markdown = ResultTableWriter.Markdown(ResultTable.From(Runs, "cross-entropy"));
        var lines = markdown.Split('\n');
        Assert.Contains("### cifar10", lines);
        Assert.Contains(lines, l => l.StartsWith("| loss | cutmix | mixup |"));
        var focalRow = lines.Single(l => l.StartsWith("| `focal`"));
        Assert.Contains("**93.00 ± 1.73**", focalRow);
        Assert.Contains("Δ +2.00", focalRow);
        Assert.Contains("Δ -10.00)", focalRow);
        var ceRow = lines.Single(l => l.StartsWith("| `cross-entropy`"));
        Assert.Contains("**80.00**", ceRow);
        // every table row has as many cells as the header
        Assert.All(lines.Where(l => l.StartsWith('|')), l => Assert.Equal(4, l.Count(ch => ch == '|')));
    }

    [Fact]
    public void CsvIsLongFormatWithQuotedFields()
    {
        var csv = ResultTableWriter.Csv(ResultTable.From([new RunResult("max(y, yhat), x", "d", "a", 1, 0.5)], "cross-entropy"));
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal("dataset,augmentation,loss,seeds,top1_mean,top1_std,diff_to_baseline,p_value,best", lines[0]);
        Assert.Equal("d,a,\"max(y, yhat), x\",1,0.5,0,,,true", lines[1]);
    }

    [Fact]
    public void PlotsArePngFiles()
    {
        var folder = Directory.CreateTempSubdirectory("plots").FullName;
        var table = ResultTable.From(Runs, "cross-entropy");
        ReportPlots.AccuracyHeatmap(table, "cifar10", Path.Combine(folder, "heat.png"));
        ReportPlots.EvolutionCurve([new(1, 0.2, 0.1), new(2, 0.3, 0.15)], "evolution", Path.Combine(folder, "evo.png"));
        ReportPlots.TrainingCurves([new CurveSeries("ce", [1, 2], [0.5, 0.6])], "training", "top-1", Path.Combine(folder, "curves.png"));
        foreach (var name in new[] { "heat.png", "evo.png", "curves.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, name));
            Assert.True(bytes.Length > 1000);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        }
        Assert.Empty(Directory.GetFiles(folder, "*.tmp.png"));
    }
}
