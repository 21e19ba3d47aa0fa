using System.Buffers.Binary;
using System.IO.Compression;

namespace LossSearch.Host.Tests.Cli;

public sealed class TrainCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("losssearch-train-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A Fashion-MNIST-format folder with 320 training and 64 test images: a class prototype plus noise.</summary>
    private string WriteTinyFashionMnist()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "fmnist")).FullName;
        var random = new Random(3);
        var prototypes = Enumerable.Range(0, 10).Select(_ => Enumerable.Range(0, 784).Select(_ => (byte)random.Next(0, 160)).ToArray()).ToArray();
        void Write(string images, string labels, int count)
        {
            var labelBytes = Enumerable.Range(0, count).Select(_ => (byte)random.Next(0, 10)).ToArray();
            var pixels = labelBytes.SelectMany(l => prototypes[l].Select(p => (byte)(p + random.Next(0, 90)))).ToArray();
            WriteIdx(Path.Combine(folder, images), 0x803, [count, 28, 28], pixels);
            WriteIdx(Path.Combine(folder, labels), 0x801, [count], labelBytes);
        }
        Write("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", 320);
        Write("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", 64);
        return folder;
    }

    private static void WriteIdx(string path, int magic, int[] dimensions, byte[] data)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        var header = new byte[4 + 4 * dimensions.Length];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (int i = 0; i < dimensions.Length; i++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), dimensions[i]);
        gzip.Write(header);
        gzip.Write(data);
    }

    [Fact]
    public async Task TrainPrintsMetricsAndCheckpointAndResumingACompletedRunRepeatsThem()
    {
        var data = WriteTinyFashionMnist();
        var checkpoints = Path.Combine(_folder, "ckpt");
        string[] args =
        [
            "train", "--model", "wrn-10-1", "--dataset", $"fashion-mnist:{data}", "--validation", "32", "--loss", "cross-entropy", "--augment", "none",
            "--epochs", "2", "--batch", "32", "--optimizer", "adam", "--lr", "0.003", "--schedule", "cosine", "--warmup-steps", "2",
            "--seed", "3", "--checkpoint-dir", checkpoints, "--json", "--device", "cpu",
        ];
        var run = await CliRun.Of(args);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        Assert.Equal("Completed", json.GetProperty("status").GetString());
        Assert.Equal(2, json.GetProperty("epochs").GetArrayLength());
        Assert.Equal(2 * (288 / 32), json.GetProperty("steps").GetInt32());
        var best = json.GetProperty("best");
        Assert.InRange(best.GetProperty("top1").GetDouble(), 0.0, 1.0);
        Assert.InRange(best.GetProperty("epoch").GetInt32(), 1, 2);
        Assert.Equal(json.GetProperty("epochs")[1].GetProperty("top1").GetDouble(), json.GetProperty("last").GetProperty("top1").GetDouble());
        Assert.True(File.Exists(json.GetProperty("checkpoint").GetString()));
        Assert.True(File.Exists(json.GetProperty("weights").GetString()));

        var again = await CliRun.Of(args);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--resume", again.Stderr.Replace("resume it", "--resume"));

        var resumed = await CliRun.Of([.. args, "--resume"]);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(json.GetProperty("epochs").GetRawText(), resumed.Json().GetProperty("epochs").GetRawText());

        // The checkpoint was made at lr 0.003: resuming it at another rate is refused naming the setting.
        var otherRate = await CliRun.Of([.. args.Select(a => a == "0.003" ? "0.03" : a), "--resume"]);
        Assert.Equal(2, otherRate.ExitCode);
        Assert.Contains("optimizer.learningRate = 0.003", otherRate.Stderr);
        Assert.DoesNotContain("   at ", otherRate.Stderr);
    }

    [Theory]
    [InlineData("--loss", "nonsense", "--loss")]
    [InlineData("--loss", "-(y * log(", "--loss")]
    [InlineData("--augment", "sharpen", "--augment")]
    [InlineData("--augment", "cutout?size=x", "--augment")]
    [InlineData("--optimizer", "lbfgs", "--optimizer")]
    [InlineData("--gate", "seven", "--gate")]
    [InlineData("--dataset", "cifar10:nowhere", "--dataset")]
    public async Task BadOptionsAreBadInputNamingTheOption(string option, string value, string named)
    {
        var data = WriteTinyFashionMnist();
        var args = new List<string> { "train", "--model", "resnet9v2", "--dataset", $"fashion-mnist:{data}", "--json", "--checkpoint-dir", Path.Combine(_folder, "bad") };
        int at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value;
        else args.AddRange([option, value]);
        var run = await CliRun.Of([.. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(named, run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task TrainsWithACatalogAugmentationALossExpressionAndSyntheticData()
    {
        var run = await CliRun.Of("train", "--model", "resnet9v2", "--dataset", "synthetic:3x16x16?n=96&test=32&classes=4&seed=2", "--validation", "16",
            "--loss", "-(y * square(1 - yhat) * log(yhat))", "--augment", "cutout?size=4", "--epochs", "1", "--batch", "16", "--optimizer", "adam",
            "--seed", "2", "--checkpoint-dir", Path.Combine(_folder, "syn"), "--json", "--device", "cpu");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = run.Json();
        Assert.Equal("Completed", json.GetProperty("status").GetString());
        Assert.Equal(80 / 16, json.GetProperty("steps").GetInt32());
        Assert.True(File.Exists(json.GetProperty("weights").GetString()));
        using var trained = new LossSearch.Learning.Models.ResNet9V2(4, 3);
        LossSearch.Learning.Models.StateDictFiles.LoadStrict(trained, json.GetProperty("weights").GetString()!);
    }

    [Fact]
    public async Task WeightsWithTheDatasetsClassCountKeepTheirHead()
    {
        var data = WriteTinyFashionMnist();
        var weights = Path.Combine(_folder, "grey.pth");
        using (var grey = new LossSearch.Learning.Models.ResNet9V2(10, 1)) LossSearch.Learning.Models.StateDictFiles.Save(grey, weights);
        var run = await CliRun.Of("train", "--model", "resnet9v2", "--dataset", $"fashion-mnist:{data}", "--weights", weights, "--weights-classes", "10",
            "--epochs", "1", "--batch", "32", "--optimizer", "sgd", "--lr", "1e-12", "--json", "--device", "cpu", "--checkpoint-dir", Path.Combine(_folder, "keep"));
        Assert.True(run.ExitCode == 0, run.Stderr);
        // A negligible learning rate leaves the weights as loaded, head included (batch-norm statistics aside).
        using var loaded = new LossSearch.Learning.Models.ResNet9V2(10, 1);
        using var saved = new LossSearch.Learning.Models.ResNet9V2(10, 1);
        LossSearch.Learning.Models.StateDictFiles.LoadStrict(loaded, weights);
        LossSearch.Learning.Models.StateDictFiles.LoadStrict(saved, run.Json().GetProperty("weights").GetString()!);
        var before = loaded.parameters().ToList();
        var after = saved.parameters().ToList();
        Assert.Equal(before.Count, after.Count);
        for (int i = 0; i < before.Count; i++) Assert.True(before[i].allclose(after[i], rtol: 0, atol: 1e-6), $"parameter {i} changed");
    }

    [Fact]
    public async Task AModelThatCannotTakeTheChannelsIsBadInput()
    {
        var data = WriteTinyFashionMnist();
        var weights = Path.Combine(_folder, "rgb.pth");
        using (var rgb = new LossSearch.Learning.Models.ResNet9V2(10, 3)) LossSearch.Learning.Models.StateDictFiles.Save(rgb, weights);
        var run = await CliRun.Of("train", "--model", "resnet9v2", "--dataset", $"fashion-mnist:{data}", "--weights", weights,
            "--weights-classes", "10", "--json", "--checkpoint-dir", Path.Combine(_folder, "ch"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("stem.weight", run.Stderr);
    }

    [Fact]
    public async Task BenchTrainReportsTrainerAndPlainThroughput()
    {
        var run = await CliRun.Of("bench", "train", "--json", "--device", "cpu", "--steps", "1", "--batch", "4", "--rounds", "1", "--skip-surrogate");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var wrn = run.Json().GetProperty("wrn16x4");
        Assert.True(wrn.GetProperty("plainImagesPerSecond").GetDouble() > 0);
        Assert.True(wrn.GetProperty("trainerImagesPerSecond").GetDouble() > 0);
    }
}
