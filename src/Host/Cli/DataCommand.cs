using System.CommandLine;
using LossSearch.Learning;
using LossSearch.Learning.Augment;
using LossSearch.Learning.Data;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Host.Cli;

/// <summary><c>losssearch data inspect|preview</c>: what a dataset spec holds, and what an augmentation does to it.</summary>
public static class DataCommand
{
    private static readonly Argument<string> Spec = new("SPEC")
    {
        Description = "Dataset spec, e.g. cifar10:data/cifar-10-batches-bin, fashion-mnist:/usr/share/datasets/fashion-mnist, synthetic:cifar10?n=2000&seed=1.",
    };

    private static readonly Option<int> ImageSize = new("--image-size")
    {
        Description = "Side that image-file datasets (flowers102, cars, caltech101, imagefolder) are decoded to.",
        DefaultValueFactory = _ => DatasetOptions.DefaultImageSize,
    };

    private static readonly Option<string> Augment = new("--augment")
    {
        Description = "Augmentation spec: baseline, cutout, mixup, cutmix, autoaugment, randaugment, trivialaugment, augmix, with ?key=value parameters.",
        DefaultValueFactory = _ => "baseline",
    };

    private static readonly Option<string> Out = new("--out") { Description = "PNG file to write.", Required = true };
    private static readonly Option<int> Count = new("--count") { Description = "Images in the grid.", DefaultValueFactory = _ => 32 };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of the augmentation draws.", DefaultValueFactory = _ => 0 };
    private static readonly Option<string> Split = new("--split") { Description = "Split to sample from.", DefaultValueFactory = _ => "train" };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("data", "Inspect datasets and preview augmentations.");
        command.Subcommands.Add(CreateInspect(runner));
        command.Subcommands.Add(CreatePreview(runner));
        return command;
    }

    private static Command CreateInspect(CommandRunner runner)
    {
        var command = new Command("inspect", "Counts per split, class names, image size and label histograms of a dataset spec.") { Spec, ImageSize };
        runner.Bind(command, (context, _) =>
        {
            OptionRange.ImageSide.Check("--image-size", context.Value(ImageSize));
            using var data = DatasetCatalog.Read(context.Value(Spec));
            var (channels, height, width) = ImageShape(data, context.Value(ImageSize));
            var splits = data.Splits.ToDictionary(s => s.Key, s => new { count = s.Value.Count, histogram = s.Value.Histogram(data.Classes.Count) });
            if (context.Json)
            {
                context.WriteJson(new { format = data.Format, classes = data.Classes, channels, height, width, splits });
                return Task.FromResult(ExitCodes.Success);
            }
            var table = new Table().AddColumns("split", "images", "smallest class", "largest class");
            foreach (var (name, split) in splits)
                table.AddRow(name, split.count.ToString(), split.histogram.Min().ToString(), split.histogram.Max().ToString());
            context.Terminal.MarkupLine($"[bold]{Markup.Escape(data.Format)}[/] at {Markup.Escape(data.Source)}: {data.Classes.Count} classes, {channels}×{height}×{width}");
            context.Terminal.MarkupLine(Markup.Escape(string.Join(", ", data.Classes.Take(12)) + (data.Classes.Count > 12 ? ", …" : "")));
            context.Terminal.Write(table);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Command CreatePreview(CommandRunner runner)
    {
        var command = new Command("preview", "Write a PNG grid of augmented samples.") { Spec, Augment, Out, Count, Seed, Split, ImageSize };
        runner.Bind(command, (context, _) =>
        {
            int count = context.Value(Count);
            new OptionRange(1, 1024).Check("--count", count);
            OptionRange.NonNegative.Check("--seed", context.Value(Seed));
            OptionRange.ImageSide.Check("--image-size", context.Value(ImageSize));
            var augmentation = AugmentationCatalog.Create(context.Value(Augment));
            using var data = DatasetCatalog.Read(context.Value(Spec));
            using var scope = NewDisposeScope();
            var (images, labels) = Sample(data, context.Value(Split), count, context.Value(ImageSize));
            using var generator = new Generator((ulong)context.Value(Seed));
            using var augmented = augmentation.Apply(images, labels, data.Classes.Count, generator);
            var grid = PreviewGrid.Tile(augmented.Images);
            var path = context.Value(Out);
            ImageDecoder.WritePng(path, grid.Pixels, grid.Channels, grid.Height, grid.Width);
            if (context.Json)
                context.WriteJson(new { @out = Path.GetFullPath(path), images = images.shape[0], augment = augmentation.Name, height = grid.Height, width = grid.Width });
            else
                context.Terminal.MarkupLine($"Wrote {images.shape[0]} {Markup.Escape(augmentation.Name)} samples to {Markup.Escape(path)}");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static (int Channels, int Height, int Width) ImageShape(PublishedDataset data, int imageSize) =>
        data.Splits.Values.First() is DecodedSplit decoded
            ? (decoded.Images.Channels, decoded.Images.Height, decoded.Images.Width)
            : (3, imageSize, imageSize);

    /// <summary>The first <paramref name="count"/> images of a split (image files decoded directly, without the cache).</summary>
    private static (Tensor Images, Tensor Labels) Sample(PublishedDataset data, string splitName, int count, int imageSize)
    {
        var split = data.Split(splitName);
        int n = (int)Math.Min(count, split.Count);
        switch (split)
        {
            case DecodedSplit decoded:
                return (decoded.Images.Images.narrow(0, 0, n), decoded.Images.Labels.narrow(0, 0, n));
            case FileSplit files:
                var pixels = files.Files.Take(n).SelectMany(f => ImageDecoder.DecodeResized(f, imageSize)).ToArray();
                return (tensor(pixels, [n, 3, imageSize, imageSize], ScalarType.Byte), tensor(files.Labels[..n]));
            default:
                throw new InvalidOperationException(split.GetType().Name);
        }
    }
}
