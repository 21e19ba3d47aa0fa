using System.CommandLine;
using LossSearch.Learning;
using LossSearch.Learning.Models;
using LossSearch.Learning.Runtime;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Host.Cli;

/// <summary><c>losssearch model summary|predict</c>: the size of a network, and its predictions for image files.</summary>
public static class ModelCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("model", "Inspect networks (wrn-D-K, efficientnetv2-s, resnet9v2) and run them on images.");
        command.Subcommands.Add(Summary(runner));
        command.Subcommands.Add(Predict(runner));
        return command;
    }

    private static Argument<string> ArchitectureArgument() => new("ARCH") { Description = "wrn-D-K (e.g. wrn-28-10), efficientnetv2-s or resnet9v2." };

    private static readonly OptionRange InputSize = OptionRange.ImageSide;

    private static Option<int?> SizeOption() => new("--size") { Description = "Input height and width (default: 384 for efficientnetv2-s, 32 otherwise)." };

    private static Option<int> ChannelsOption() => new("--channels") { Description = "Input channels, 1 or 3.", DefaultValueFactory = _ => 3 };

    private static int DefaultSize(string architecture) => architecture.Trim().ToLowerInvariant().StartsWith("efficientnet") ? 384 : 32;

    private static Command Summary(CommandRunner runner)
    {
        var architecture = ArchitectureArgument();
        var classes = new Option<int>("--classes") { Description = "Number of classes.", DefaultValueFactory = _ => 10 };
        var size = SizeOption();
        var channels = ChannelsOption();
        var command = new Command("summary", "Parameters, weight layers and FLOPs per image at a given input size.") { architecture, classes, size, channels };
        runner.Bind(command, (context, _) =>
        {
            var name = context.Value(architecture);
            int inputSize = context.Parse.GetValue(size) ?? DefaultSize(name);
            InputSize.Check("--size", inputSize);
            OptionRange.AtLeast(1).Check("--classes", context.Value(classes));
            using var model = ModelCatalog.Create(name, context.Value(classes), context.Value(channels));
            var summary = ModelSummary.Of(model, inputSize, context.Value(channels));
            if (context.Json)
            {
                context.WriteJson(new
                {
                    architecture = name,
                    classes = context.Value(classes),
                    parameters = summary.Parameters,
                    layers = summary.Layers,
                    flopsPerImage = summary.FlopsPerImage,
                    inputSize = summary.InputSize,
                    inputChannels = summary.InputChannels,
                });
                return Task.FromResult(ExitCodes.Success);
            }
            var table = new Table().AddColumns("", "");
            table.HideHeaders();
            table.AddRow("architecture", Markup.Escape(name));
            table.AddRow("classes", context.Value(classes).ToString());
            table.AddRow("parameters", summary.Parameters.ToString("N0"));
            table.AddRow("weight layers", summary.Layers.ToString());
            table.AddRow("FLOPs per image", $"{summary.FlopsPerImage:N0} at {summary.InputChannels}x{summary.InputSize}x{summary.InputSize}");
            context.Terminal.Write(table);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Command Predict(CommandRunner runner)
    {
        var architecture = ArchitectureArgument();
        var weights = new Option<string>("--weights") { Description = "PyTorch state dict (.pth/.pt) or .safetensors; loaded strictly.", Required = true };
        var images = new Option<string>("--images") { Description = "Folder of image files, taken in name order.", Required = true };
        var classes = new Option<int?>("--classes") { Description = "Number of classes the weights were trained for (default: 1000 for efficientnetv2-s, 10 otherwise)." };
        var size = SizeOption();
        var channels = ChannelsOption();
        var command = new Command("predict", "Top-5 classes and all logits per image (ImageNet mean/std normalisation for efficientnetv2-s).")
        {
            architecture, weights, images, classes, size, channels,
        };
        runner.Bind(command, (context, _) =>
        {
            var name = context.Value(architecture);
            int inputSize = context.Parse.GetValue(size) ?? DefaultSize(name);
            int classCount = context.Parse.GetValue(classes) ?? (DefaultSize(name) == 384 ? 1000 : 10);
            InputSize.Check("--size", inputSize);
            OptionRange.AtLeast(1).Check("--classes", classCount);
            int inputChannels = context.Value(channels);
            var files = ImageFolderInput.Files(context.Value(images));
            var device = DeviceSelection.Resolve(context.DeviceSpec);
            using var model = ModelCatalog.Create(name, classCount, inputChannels);
            StateDictFiles.LoadStrict(model, context.Value(weights));
            model.to(device);
            model.eval();
            var normalization = ModelCatalog.InputNormalization(name);
            var predictions = new List<Prediction>();
            using var noGrad = torch.no_grad();
            foreach (var file in files)
            {
                using var scope = torch.NewDisposeScope();
                var x = ImageFolderInput.Load(file, inputSize, inputChannels).to(device).to(ScalarType.Float32).div_(255f).unsqueeze(0);
                if (normalization is { } n && inputChannels == 3)
                    x = x.sub(tensor(n.Mean, device: device).view(1, 3, 1, 1)).div_(tensor(n.Std, device: device).view(1, 3, 1, 1));
                var logits = model.forward(x)[0].cpu();
                var top5 = logits.topk(Math.Min(5, classCount)).indexes.data<long>().ToArray();
                predictions.Add(new Prediction(Path.GetFileName(file), top5, logits.data<float>().ToArray()));
            }
            if (context.Json)
            {
                context.WriteJson(new { predictions });
                return Task.FromResult(ExitCodes.Success);
            }
            var table = new Table().AddColumns("file", "top-5 classes", "top logit");
            foreach (var p in predictions)
                table.AddRow(Markup.Escape(p.File), string.Join(", ", p.Top5), p.Logits[p.Top5[0]].ToString("G5"));
            context.Terminal.Write(table);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private sealed record Prediction(string File, long[] Top5, float[] Logits);
}
