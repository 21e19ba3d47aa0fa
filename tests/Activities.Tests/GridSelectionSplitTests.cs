using LossSearch.Learning.Reports;
using LossSearch.Learning.Training;
using SkiaSharp;

namespace LossSearch.Activities.Tests;

/// <summary>
/// A dataset whose test split has the labels of its training split swapped (black images are class
/// a in training, class b in test). A loss that learns the labels scores high on validation and low
/// on test; a loss that learns them backwards does the opposite. So Select Top-K's choice shows which
/// split the grid's scores come from.
/// </summary>
public class GridSelectionSplitTests
{
    private const string Learns = "focal";
    private const string LearnsBackwards = "y * log(yhat)";

    private static string SwappedDataset()
    {
        string root = TestContexts.NewFolder("swapped");
        foreach (var (split, count) in new[] { ("train", 16), ("test", 8) })
            for (int i = 0; i < count; i++)
            {
                bool swapped = split == "test";
                Write(Path.Combine(root, split, "a", $"{i:D2}.png"), swapped ? SKColors.White : SKColors.Black);
                Write(Path.Combine(root, split, "b", $"{i:D2}.png"), swapped ? SKColors.Black : SKColors.White);
            }
        return root;
    }

    private static void Write(string path, SKColor colour)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(8, 8);
        using (var canvas = new SKCanvas(bitmap)) canvas.Clear(colour);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    private static TrainWrn Grid(string dataset, string selectOn) => new()
    {
        Losses = [Learns, LearnsBackwards],
        Datasets = [$"imagefolder:{dataset}"],
        Augmentations = ["none"],
        Seeds = [1],
        Depth = 10,
        Width = 1,
        Epochs = 3,
        StepsPerEpoch = 4,
        Batch = 8,
        LearningRate = 0.05,
        DropEpochs = [],
        ImageSize = 8,
        Validation = 0.25,
        SelectOn = selectOn,
        Device = "cpu",
    };

    private static async Task<(TrainWrn Grid, SelectTopK Selection)> RunAsync(string dataset, string selectOn)
    {
        string folder = TestContexts.NewFolder($"grid-{selectOn}");
        var grid = Grid(dataset, selectOn);
        await grid.ExecuteAsync(new TestContexts().For("trainWrn", folder));
        var select = new SelectTopK { Scores = grid.Scores, Rule = "overall", K = 1 };
        await select.ExecuteAsync(new TestContexts().For("select", folder));
        return (grid, select);
    }

    [Fact]
    public async Task SelectTopKRanksByValidationWhileTheTableReportsTest()
    {
        string dataset = SwappedDataset();
        var (grid, select) = await RunAsync(dataset, "validation");
        var learns = grid.Results.Single(r => r.Loss == Learns);
        var backwards = grid.Results.Single(r => r.Loss == LearnsBackwards);
        // The splits disagree: validation prefers the loss that learns, test the one that learns backwards.
        Assert.True(learns.ValidationTop1 > backwards.ValidationTop1, $"validation {learns.ValidationTop1} vs {backwards.ValidationTop1}");
        Assert.True(learns.Top1 < backwards.Top1, $"test {learns.Top1} vs {backwards.Top1}");
        Assert.All(grid.Results, r => Assert.Equal(TrainingGrid.ValidationSplit, r.HistorySplit));
        Assert.All(grid.Scores, s => Assert.Equal(grid.Results.Single(r => r.Loss == s.Loss).ValidationTop1, s.Score));
        Assert.Equal(LossSearch.Learning.Losses.LossCatalog.Resolve(Learns).ToString(), select.Losses[0]);
        Assert.Contains("validation top-1", FunnelReport.SplitNote(grid.Results));

        var (testGrid, testSelect) = await RunAsync(dataset, "test");
        Assert.Equal(LossSearch.Learning.Losses.LossCatalog.Resolve(LearnsBackwards).ToString(), testSelect.Losses[0]);
        Assert.All(testGrid.Scores, s => Assert.Equal(testGrid.Results.Single(r => r.Loss == s.Loss).Top1, s.Score));
        Assert.Contains("`selectOn: test`, the paper's practice", FunnelReport.SplitNote(testGrid.Results));
    }

    [Fact]
    public async Task SelectingOnValidationWithoutAValidationSplitIsBadInput()
    {
        var grid = Grid("/nonexistent", "validation");
        grid.Validation = 0;
        var error = await Assert.ThrowsAsync<LossSearch.Learning.InvalidInputException>(() => grid.ExecuteAsync(new TestContexts().For("g", TestContexts.NewFolder("g"))));
        Assert.StartsWith("selectOn:", error.Message);
        grid.SelectOn = "train";
        error = await Assert.ThrowsAsync<LossSearch.Learning.InvalidInputException>(() => grid.ExecuteAsync(new TestContexts().For("g", TestContexts.NewFolder("g"))));
        Assert.Contains("'train'", error.Message);
    }
}
