using LossSearch.Learning.Models;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Host.Tests.Cli;

public sealed class ModelCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("losssearch-model-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task SummaryOfWrn28x10CountsThePublishedParameters()
    {
        var run = await CliRun.Of("model", "summary", "wrn-28-10", "--classes", "10", "--json", "--size", "8");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal(36_479_194, json.GetProperty("parameters").GetInt64());
        Assert.Equal(1 + 3 * 4 * 2 + 3 + 1, json.GetProperty("layers").GetInt32()); // stem, 12 blocks of 2 convs, 3 projections, fc
        Assert.True(json.GetProperty("flopsPerImage").GetInt64() > 0);
    }

    [Fact]
    public async Task SummaryOfEfficientNetV2SCountsTorchvisionsParameters()
    {
        var run = await CliRun.Of("model", "summary", "efficientnetv2-s", "--classes", "1000", "--size", "32", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(21_458_488, run.Json().GetProperty("parameters").GetInt64());
    }

    [Theory]
    [InlineData("resnet50", "10", "resnet50")]
    [InlineData("wrn-28-10", "1", "classes")]
    public async Task BadArchitectureOrClassesIsBadInput(string architecture, string classes, string named)
    {
        var run = await CliRun.Of("model", "summary", architecture, "--classes", classes, "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(named, run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task PredictGivesTheModelsLogitsForEachImageInNameOrder()
    {
        torch.manual_seed(4);
        using var model = new ResNet9V2(classes: 10);
        var weights = Path.Combine(_folder, "r9.pth");
        StateDictFiles.Save(model, weights);
        var images = Directory.CreateDirectory(Path.Combine(_folder, "images")).FullName;
        var pixels = new Dictionary<string, byte[]>();
        foreach (var (name, seed) in new[] { ("b.png", 2), ("a.png", 1) })
        {
            var random = new Random(seed);
            var rgb = new byte[3 * 32 * 32];
            random.NextBytes(rgb);
            pixels[name] = rgb;
            using var bitmap = new SKBitmap(new SKImageInfo(32, 32, SKColorType.Rgba8888, SKAlphaType.Unpremul));
            for (int y = 0; y < 32; y++)
                for (int x = 0; x < 32; x++)
                    bitmap.SetPixel(x, y, new SKColor(rgb[(0 * 32 + y) * 32 + x], rgb[(1 * 32 + y) * 32 + x], rgb[(2 * 32 + y) * 32 + x]));
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(images, name), data.ToArray());
        }

        var run = await CliRun.Of("model", "predict", "resnet9v2", "--weights", weights, "--images", images, "--json", "--device", "cpu");
        Assert.Equal(0, run.ExitCode);
        var predictions = run.Json().GetProperty("predictions");
        Assert.Equal(2, predictions.GetArrayLength());
        Assert.Equal("a.png", predictions[0].GetProperty("file").GetString());
        Assert.Equal("b.png", predictions[1].GetProperty("file").GetString());

        model.eval();
        foreach (var prediction in predictions.EnumerateArray())
        {
            var rgb = pixels[prediction.GetProperty("file").GetString()!];
            using var scope = torch.NewDisposeScope();
            var x = torch.tensor(rgb.Select(b => b / 255f).ToArray(), [1, 3, 32, 32]);
            float[] expected;
            using (torch.no_grad()) expected = model.forward(x)[0].data<float>().ToArray();
            var logits = prediction.GetProperty("logits").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            Assert.Equal(expected.Length, logits.Length);
            for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], logits[i], 4);
            var top5 = prediction.GetProperty("top5").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.Equal(expected.Select((v, i) => (v, i)).OrderByDescending(p => p.v).Take(5).Select(p => p.i), top5);
        }
    }

    [Fact]
    public async Task PredictWithWeightsOfAnotherArchitectureListsTheMismatches()
    {
        var weights = Path.Combine(_folder, "wrn.safetensors");
        using (var wrn = new WideResNet(10, 1, classes: 10)) StateDictFiles.Save(wrn, weights);
        var images = Directory.CreateDirectory(Path.Combine(_folder, "one")).FullName;
        using (var bitmap = new SKBitmap(8, 8))
        using (var data = bitmap.Encode(SKEncodedImageFormat.Png, 100))
            File.WriteAllBytes(Path.Combine(images, "x.png"), data.ToArray());
        var run = await CliRun.Of("model", "predict", "resnet9v2", "--weights", weights, "--images", images, "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("missing key stem.weight", run.Stderr);
        Assert.Contains("unexpected key conv1.weight", run.Stderr);
        Assert.Equal("", run.Stdout);
    }
}
