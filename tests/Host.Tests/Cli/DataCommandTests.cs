using SkiaSharp;

namespace LossSearch.Host.Tests.Cli;

public class DataCommandTests
{
    [Fact]
    public async Task InspectSyntheticGivesTheDesignShape()
    {
        var run = await CliRun.Of("data", "inspect", "synthetic:cifar10?n=300&test=50&seed=2", "--json");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal("synthetic", json.GetProperty("format").GetString());
        Assert.Equal(10, json.GetProperty("classes").GetArrayLength());
        Assert.Equal(3, json.GetProperty("channels").GetInt32());
        Assert.Equal(32, json.GetProperty("height").GetInt32());
        Assert.Equal(32, json.GetProperty("width").GetInt32());
        var train = json.GetProperty("splits").GetProperty("train");
        Assert.Equal(300, train.GetProperty("count").GetInt64());
        Assert.Equal(300, train.GetProperty("histogram").EnumerateArray().Sum(h => h.GetInt64()));
        Assert.Equal(50, json.GetProperty("splits").GetProperty("test").GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task InspectTheInstalledFashionMnist()
    {
        const string installed = "/usr/share/datasets/fashion-mnist";
        if (!Directory.Exists(installed)) return; // test.sh installs it
        var run = await CliRun.Of("data", "inspect", $"fashion-mnist:{installed}", "--json");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal(60000, json.GetProperty("splits").GetProperty("train").GetProperty("count").GetInt64());
        Assert.Equal(10000, json.GetProperty("splits").GetProperty("test").GetProperty("count").GetInt64());
        Assert.Equal(1, json.GetProperty("channels").GetInt32());
        Assert.Equal("Ankle boot", json.GetProperty("classes")[9].GetString());
    }

    [Fact]
    public async Task InspectMissingDirectoryIsBadInputNamingIt()
    {
        var run = await CliRun.Of("data", "inspect", "cifar10:/no/such/cifar", "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("/no/such/cifar", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task PreviewWritesAPngGrid()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("losssearch-preview-").FullName, "grid.png");
        var run = await CliRun.Of("data", "preview", "synthetic:cifar10?n=40", "--augment", "cutmix", "--count", "9", "--out", path, "--json");
        Assert.Equal(0, run.ExitCode);
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal(3 * 34 + 2, bitmap.Width); // 3×3 grid of 32-pixel images with 2-pixel gutters
        Assert.Equal(3 * 34 + 2, bitmap.Height);
        Assert.Equal(9, run.Json().GetProperty("images").GetInt32());
    }

    [Fact]
    public async Task PreviewWithAnUnknownAugmentationIsBadInput()
    {
        var run = await CliRun.Of("data", "preview", "synthetic:cifar10?n=40", "--augment", "sharpen", "--out", "/tmp/never.png");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("sharpen", run.Stderr);
        Assert.False(File.Exists("/tmp/never.png"));
    }

    [Fact]
    public async Task BenchDataReportsImagesPerSecondNextToTorchVision()
    {
        var run = await CliRun.Of("bench", "data", "--json", "--device", "cpu", "--augment", "baseline", "randaugment", "mixup",
            "--batch", "16", "--batches", "1", "--reference-images", "4");
        Assert.Equal(0, run.ExitCode);
        var results = run.Json().GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(["baseline", "randaugment", "mixup"], results.Select(r => r.GetProperty("augment").GetString()));
        Assert.All(results, r => Assert.True(r.GetProperty("imagesPerSecond").GetDouble() > 0));
        Assert.True(results[1].GetProperty("torchVisionPerImage").GetDouble() > 0);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, results[2].GetProperty("torchVisionPerImage").ValueKind);
    }
}
