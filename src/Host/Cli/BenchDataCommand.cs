using System.CommandLine;
using System.Diagnostics;
using LossSearch.Learning;
using LossSearch.Learning.Augment;
using LossSearch.Learning.Runtime;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;
using TV = TorchSharp.torchvision;

namespace LossSearch.Host.Cli;

/// <summary>
/// <c>losssearch bench data</c>: images per second through each augmentation on CIFAR-shaped uint8
/// batches on the selected device, next to TorchVision's per-image transforms on the same images (CPU).
/// </summary>
public static class BenchDataCommand
{
    private static readonly Option<int> Batch = new("--batch") { Description = "Images per batch.", DefaultValueFactory = _ => 128 };
    private static readonly Option<int> Batches = new("--batches") { Description = "Timed batches per augmentation.", DefaultValueFactory = _ => 20 };
    private static readonly Option<int> ReferenceImages = new("--reference-images")
    {
        Description = "Images pushed one by one through TorchVision's per-image transforms (0 skips them).",
        DefaultValueFactory = _ => 512,
    };
    private static readonly Option<string[]> Augment = new("--augment")
    {
        Description = "Augmentation specs to measure (default: all eight techniques).",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<int> Threads = new("--threads")
    {
        Description = "libtorch intra-op CPU threads (0 keeps the default). On a loaded machine 1 avoids spin-waiting threads.",
        DefaultValueFactory = _ => 0,
    };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("data", "Measure augmentation throughput (images/s) against TorchVision's per-image transforms.")
            { Batch, Batches, ReferenceImages, Augment, Threads };
        runner.Bind(command, (context, cancellation) =>
        {
            int batch = context.Value(Batch), batches = context.Value(Batches), referenceCount = context.Value(ReferenceImages);
            OptionRange.BenchBatch.Check("--batch", batch);
            OptionRange.AtLeast(1).Check("--batches", batches);
            OptionRange.NonNegative.Check("--reference-images", referenceCount);
            OptionRange.Threads.Check("--threads", context.Value(Threads));
            var device = DeviceSelection.Resolve(context.DeviceSpec);
            if (context.Value(Threads) > 0) set_num_threads(context.Value(Threads));
            var specs = context.Value(Augment) is { Length: > 0 } given ? given : [.. AugmentationCatalog.Techniques.Keys];
            var techniques = specs.Select(AugmentationCatalog.Create).ToArray();

            using var generator = new Generator(0);
            using var images = randint(0, 256, [batch, 3, 32, 32], generator: generator).to(ScalarType.Byte).to(device);
            using var labels = randint(10, [batch], generator: generator).to(device);
            var results = new List<BenchResult>();
            foreach (var technique in techniques)
            {
                cancellation.ThrowIfCancellationRequested();
                double batched = Measure(technique, images, labels, batches, device);
                double? perImage = referenceCount > 0 ? TorchVisionPerImage(technique.Name, images, Math.Min(referenceCount, batch * batches)) : null;
                results.Add(new BenchResult(technique.Name, Math.Round(batched), perImage is double p ? Math.Round(p) : null));
                context.Logger.Information("bench data {Augment}: {Batched:F0} images/s batched, TorchVision per-image {PerImage}", technique.Name, batched, perImage);
            }
            if (context.Json)
            {
                context.WriteJson(new { device = device.ToString(), threads = get_num_threads(), batch, batches, shape = new[] { 3, 32, 32 }, results });
                return Task.FromResult(ExitCodes.Success);
            }
            var table = new Table().AddColumns("augmentation", "batched images/s", "TorchVision per-image images/s");
            foreach (var row in results)
                table.AddRow(row.Augment, row.ImagesPerSecond.ToString("N0"), row.TorchVisionPerImage is double v ? v.ToString("N0") : "—");
            context.Terminal.MarkupLine($"CIFAR-shaped batches of {batch} on {device}, {get_num_threads()} threads");
            context.Terminal.Write(table);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private sealed record BenchResult(string Augment, double ImagesPerSecond, double? TorchVisionPerImage);

    private static double Measure(IBatchAugmentation technique, Tensor images, Tensor labels, int batches, Device device)
    {
        using var generator = new Generator(1);
        for (int warm = 0; warm < 2; warm++) technique.Apply(images, labels, 10, generator).Dispose();
        Synchronize(device);
        var clock = Stopwatch.StartNew();
        for (int b = 0; b < batches; b++) technique.Apply(images, labels, 10, generator).Dispose();
        Synchronize(device);
        return batches * images.shape[0] / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The closest TorchVision per-image pipeline (uint8 in, float [0, 1] out), or null where TorchVision has none.</summary>
    private static double? TorchVisionPerImage(string technique, Tensor batch, int count)
    {
        using var generator = new Generator(2);
        var random = new Random(2);
        using var cpu = batch.to(CPU);
        TV.ITransform? policy = technique switch
        {
            "autoaugment" => TV.transforms.AutoAugment(TV.autoaugment.AutoAugmentPolicy.CIFAR10, generator: generator),
            "randaugment" => TV.transforms.RandAugment(generator: generator),
            "trivialaugment" => TV.transforms.TrivialAugmentWide(generator: generator),
            _ => null,
        };
        if (policy is null && technique is not ("baseline" or "cutout")) return null;
        using var zero = tensor(0, ScalarType.Byte);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            using var scope = NewDisposeScope();
            var image = cpu[i % (int)cpu.shape[0]];
            var padded = TV.transforms.functional.pad(image, 4);
            var cropped = TV.transforms.functional.crop(padded, random.Next(9), random.Next(9), 32, 32);
            var flipped = random.Next(2) == 0 ? TV.transforms.functional.hflip(cropped) : cropped;
            var augmented = technique == "cutout"
                ? TV.transforms.functional.erase(flipped, Math.Max(0, random.Next(32) - 8), Math.Max(0, random.Next(32) - 8), 16, 16, zero)
                : policy?.call(flipped.contiguous()) ?? flipped;
            TV.transforms.functional.convert_image_dtype(augmented, ScalarType.Float32);
        }
        return count / clock.Elapsed.TotalSeconds;
    }

    private static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA) cuda.synchronize(device);
    }
}
