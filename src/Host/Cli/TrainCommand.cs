using System.CommandLine;
using System.Globalization;
using LossSearch.Learning;
using LossSearch.Learning.Augment;
using LossSearch.Learning.Data;
using LossSearch.Learning.Losses;
using LossSearch.Learning.Models;
using LossSearch.Learning.Runtime;
using LossSearch.Learning.Training;
using Spectre.Console;

namespace LossSearch.Host.Cli;

/// <summary><c>losssearch train</c>: one training run with checkpoints every epoch; Ctrl-C leaves a resumable checkpoint.</summary>
public static class TrainCommand
{
    public static Command Create(CommandRunner runner)
    {
        var model = new Option<string>("--model") { Description = "wrn-D-K, efficientnetv2-s or resnet9v2.", Required = true };
        var dataset = new Option<string>("--dataset") { Description = "Dataset spec FORMAT:PATH, e.g. fashion-mnist:/usr/share/datasets/fashion-mnist or synthetic:cifar10?n=2000.", Required = true };
        var validation = new Option<int?>("--validation") { Description = "Training images held out (stratified) for validation; default: the format's (5,000 for CIFAR, none otherwise, then the test split is evaluated)." };
        var loss = new Option<string>("--loss") { Description = "Loss name or expression, e.g. cross-entropy or -sum(y * log(yhat)).", DefaultValueFactory = _ => "cross-entropy" };
        var augment = new Option<string>("--augment") { Description = "Augmentation technique: none, baseline, cutout, mixup, cutmix, autoaugment, randaugment, trivialaugment, augmix (parameters as name?k=v).", DefaultValueFactory = _ => "none" };
        var epochs = new Option<int>("--epochs") { Description = "Epochs to train.", DefaultValueFactory = _ => 1 };
        var stepsPerEpoch = new Option<int?>("--steps-per-epoch") { Description = "Steps per epoch (default: one pass over the training split)." };
        var batch = new Option<int>("--batch") { Description = "Batch size.", DefaultValueFactory = _ => 128 };
        var optimizer = new Option<string>("--optimizer") { Description = "sgd (Nesterov), adam, adamw or rmsprop.", DefaultValueFactory = _ => "sgd" };
        var learningRate = new Option<double?>("--lr") { Description = "Peak learning rate (default: 0.1 for sgd, 1e-3 otherwise)." };
        var momentum = new Option<double>("--momentum") { Description = "Momentum (sgd, rmsprop).", DefaultValueFactory = _ => 0.9 };
        var weightDecay = new Option<double>("--weight-decay") { Description = "Weight decay.", DefaultValueFactory = _ => 0.0 };
        var schedule = new Option<string>("--schedule") { Description = "constant, step, cosine (linear warm-up, then cosine) or warmup-constant.", DefaultValueFactory = _ => "constant" };
        var warmup = new Option<long>("--warmup-steps") { Description = "Linear warm-up steps (cosine, warmup-constant).", DefaultValueFactory = _ => 0 };
        var drops = new Option<string>("--drop-epochs") { Description = "Comma-separated 0-based epochs where the step schedule multiplies the rate by --drop-factor, e.g. 60,120,160.", DefaultValueFactory = _ => "" };
        var dropFactor = new Option<double>("--drop-factor") { Description = "Factor of each step drop.", DefaultValueFactory = _ => 0.2 };
        var smoothing = new Option<double>("--label-smoothing") { Description = "Label smoothing ε.", DefaultValueFactory = _ => 0.0 };
        var ema = new Option<double?>("--ema") { Description = "Decay of an exponential moving average of the weights, used for evaluation (e.g. 0.9996)." };
        var gates = new Option<string[]>("--gate") { Description = "EPOCH:ACCURACY — stop when training accuracy is below ACCURACY at the end of any epoch from EPOCH (1-based) on. Repeatable.", AllowMultipleArgumentsPerToken = false };
        var dropout = new Option<double>("--dropout") { Description = "Dropout inside WideResNet blocks.", DefaultValueFactory = _ => 0.0 };
        var weights = new Option<string?>("--weights") { Description = "Start from these weights (.pth/.safetensors); a classifier for another class count is replaced." };
        var weightsClasses = new Option<int>("--weights-classes") { Description = "Classes of the --weights file.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long>("--seed") { Description = "Seed of the initial weights, data order, augmentation and dropout.", DefaultValueFactory = _ => 1 };
        var checkpointDir = new Option<string?>("--checkpoint-dir") { Description = "Checkpoint folder (default: checkpoints/MODEL-FORMAT-seedS)." };
        var resume = new Option<bool>("--resume") { Description = "Continue from the newest intact checkpoint in the folder." };

        var command = new Command("train", "Train one model on one dataset with one loss and augmentation; checkpoints every epoch.")
        {
            model, dataset, validation, loss, augment, epochs, stepsPerEpoch, batch, optimizer, learningRate, momentum, weightDecay, schedule, warmup,
            drops, dropFactor, smoothing, ema, gates, dropout, weights, weightsClasses, seed, checkpointDir, resume,
        };
        runner.Bind(command, async (context, cancellation) =>
        {
            OptionRange.AtLeast(1).Check("--epochs", context.Value(epochs));
            OptionRange.AtLeast(1).Check("--steps-per-epoch", context.Parse.GetValue(stepsPerEpoch));
            OptionRange.AtLeast(2).Check("--batch", context.Value(batch));
            OptionRange.Positive.Check("--lr", context.Parse.GetValue(learningRate));
            OptionRange.Fraction.Check("--momentum", context.Value(momentum));
            OptionRange.NonNegative.Check("--weight-decay", context.Value(weightDecay));
            OptionRange.NonNegative.Check("--warmup-steps", context.Value(warmup));
            new OptionRange(0, 1, ExclusiveMinimum: true).Check("--drop-factor", context.Value(dropFactor));
            OptionRange.Fraction.Check("--label-smoothing", context.Value(smoothing));
            new OptionRange(0, 1, ExclusiveMinimum: true, ExclusiveMaximum: true).Check("--ema", context.Parse.GetValue(ema));
            OptionRange.Fraction.Check("--dropout", context.Value(dropout));
            OptionRange.NonNegative.Check("--validation", context.Parse.GetValue(validation));
            OptionRange.AtLeast(1).Check("--weights-classes", context.Value(weightsClasses));
            var kind = ParseOptimizer(context.Value(optimizer));
            var run = new TrainingRun
            {
                Epochs = context.Value(epochs),
                StepsPerEpoch = context.Parse.GetValue(stepsPerEpoch),
                BatchSize = context.Value(batch),
                Optimizer = new OptimizerSettings(kind, context.Parse.GetValue(learningRate) ?? (kind == OptimizerKind.Sgd ? 0.1 : 1e-3),
                    Momentum: context.Value(momentum), WeightDecay: context.Value(weightDecay)),
                Schedule = new ScheduleSettings(ParseSchedule(context.Value(schedule)), context.Value(warmup), ParseDrops(context.Value(drops)), context.Value(dropFactor)),
                LabelSmoothing = context.Value(smoothing),
                EmaDecay = context.Parse.GetValue(ema),
                Gates = (context.Parse.GetValue(gates) ?? []).Select(ParseGate).ToList(),
                Seed = context.Value(seed),
                Device = context.DeviceSpec,
            };
            string architecture = context.Value(model);
            run.Validate();
            var job = new TrainingJob(architecture, context.Value(augment), context.Value(loss), run)
            {
                PretrainedWeights = context.Parse.GetValue(weights),
                PretrainedClasses = context.Value(weightsClasses),
                Dropout = context.Value(dropout),
            };
            Named("--loss", () => LossCatalog.Resolve(job.Loss));
            Named("--augment", () => AugmentationCatalog.Create(job.Augmentation));
            if (job.PretrainedWeights is { } file && !File.Exists(file)) throw new InvalidInputException($"--weights: '{file}' does not exist.");
            var options = new DatasetOptions { ValidationCount = context.Parse.GetValue(validation), Device = DeviceSelection.Resolve(context.DeviceSpec) };
            using var data = Named("--dataset", () => DatasetCatalog.Open(context.Value(dataset), options));
            // Pretrained architectures bring their own normalisation; otherwise the training split's statistics.
            var normalization = ModelCatalog.InputNormalization(architecture) is { } n ? new InputNormalization(n.Mean, n.Std) : InputNormalization.Of(data.Train);
            var folder = context.Parse.GetValue(checkpointDir) ?? Path.Combine("checkpoints", $"{architecture}-{data.Name}-seed{run.Seed}");
            var checkpoints = new TrainingCheckpoints(folder, context.Value(resume));
            string weightsPath = Path.Combine(checkpoints.Directory, "model.pth");
            job = job with { Run = run with { Normalization = normalization }, WeightsOutput = weightsPath };
            context.Logger.Information("Training {Model} on {Dataset}, checkpoints in {Folder}", architecture, data.Name, checkpoints.Directory);

            var result = context.Json
                ? await Task.Run(() => job.Execute(data, checkpoints, new WarningLog(context), cancellation), CancellationToken.None)
                : await TrainWithProgressBar(context, job, data, checkpoints, cancellation);

            Report(context, result, result.Status is TrainingStatus.Completed or TrainingStatus.GatedOut ? weightsPath : null);
            switch (result.Status)
            {
                case TrainingStatus.Cancelled:
                    await context.Error.WriteLineAsync($"interrupted after step {result.Steps}; resume with --resume --checkpoint-dir {checkpoints.Directory}");
                    return ExitCodes.Interrupted;
                case TrainingStatus.Diverged:
                    await context.Error.WriteLineAsync(
                        $"failed: the loss became NaN or infinite at step {result.DivergedAtStep}; last good checkpoint: {result.CheckpointPath ?? "none"}");
                    return ExitCodes.Failure;
                default:
                    return ExitCodes.Success;
            }
        });
        return command;
    }

    /// <summary>Runs <paramref name="read"/>, naming <paramref name="option"/> in any bad-input message it throws.</summary>
    private static T Named<T>(string option, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidInputException or FileNotFoundException or DirectoryNotFoundException && !e.Message.StartsWith(option, StringComparison.Ordinal))
        {
            throw new InvalidInputException($"{option}: {e.Message}", e);
        }
    }

    private static async Task<TrainingResult> TrainWithProgressBar(
        CommandContext context, TrainingJob job, DatasetSplits data, TrainingCheckpoints checkpoints, CancellationToken cancellation)
    {
        TrainingResult? result = null;
        await context.Terminal.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("training", maxValue: 1);
                var reporter = new ProgressBarReporter(context, task);
                result = await Task.Run(() => job.Execute(data, checkpoints, reporter, cancellation), CancellationToken.None);
            });
        return result!;
    }

    private static void Report(CommandContext context, TrainingResult result, string? weightsPath)
    {
        object? Summary(EpochRecord? e) => e is null ? null : new { epoch = e.Epoch, top1 = e.Top1, top5 = e.Top5, loss = e.Loss };
        if (context.Json)
        {
            context.WriteJson(new
            {
                status = result.Status.ToString(),
                best = Summary(result.Best),
                last = Summary(result.Last),
                epochs = result.History.Select(e => new
                {
                    epoch = e.Epoch, trainLoss = e.TrainLoss, trainAccuracy = e.TrainAccuracy, loss = e.Loss, top1 = e.Top1, top5 = e.Top5,
                    learningRate = e.LearningRate, seconds = e.Seconds,
                }),
                steps = result.Steps,
                checkpoint = result.CheckpointPath,
                weights = weightsPath,
                divergedAtStep = result.DivergedAtStep,
                warnings = result.Warnings,
            });
            return;
        }
        var table = new Table().AddColumns("epoch", "train loss", "train acc", "loss", "top-1", "top-5", "lr", "s");
        foreach (var e in result.History)
            table.AddRow(e.Epoch.ToString(), F(e.TrainLoss), F(e.TrainAccuracy), F(e.Loss), F(e.Top1), F(e.Top5), e.LearningRate.ToString("G3", CultureInfo.InvariantCulture), e.Seconds.ToString("F1", CultureInfo.InvariantCulture));
        context.Terminal.Write(table);
        context.Terminal.WriteLine($"status {result.Status}; best top-1 {F(result.Best?.Top1 ?? double.NaN)} at epoch {result.Best?.Epoch}; checkpoint {result.CheckpointPath}");
        if (weightsPath is not null) context.Terminal.WriteLine($"weights {weightsPath}");
    }

    private static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    internal static OptimizerKind ParseOptimizer(string text) => text.Trim().ToLowerInvariant() switch
    {
        "sgd" => OptimizerKind.Sgd,
        "adam" => OptimizerKind.Adam,
        "adamw" => OptimizerKind.AdamW,
        "rmsprop" => OptimizerKind.RmsProp,
        _ => throw new InvalidInputException($"--optimizer: '{text}' is not one of sgd, adam, adamw, rmsprop."),
    };

    internal static ScheduleKind ParseSchedule(string text) => text.Trim().ToLowerInvariant() switch
    {
        "constant" => ScheduleKind.Constant,
        "step" => ScheduleKind.StepDrops,
        "cosine" => ScheduleKind.WarmupCosine,
        "warmup-constant" => ScheduleKind.WarmupConstant,
        _ => throw new InvalidInputException($"--schedule: '{text}' is not one of constant, step, cosine, warmup-constant."),
    };

    private static IReadOnlyList<int> ParseDrops(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((part, i) => int.TryParse(part, CultureInfo.InvariantCulture, out int epoch) && epoch >= 0
                ? epoch
                : throw new InvalidInputException($"--drop-epochs: item {i + 1} '{part}' is not a non-negative epoch number."))
            .ToList();

    private static AccuracyGate ParseGate(string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out int epoch)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double accuracy))
            return new AccuracyGate(epoch, accuracy);
        throw new InvalidInputException($"--gate: '{text}' is not EPOCH:ACCURACY (e.g. 7:0.22).");
    }

    /// <summary>Forwards warnings (a corrupt checkpoint skipped) to the log, which writes them to stderr.</summary>
    private sealed class WarningLog(CommandContext context) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Phase == TrainingPhase.Warning) context.Logger.Warning("{Warning}", value.Message);
        }
    }

    private sealed class ProgressBarReporter(CommandContext context, ProgressTask task) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            switch (value.Phase)
            {
                case TrainingPhase.Warning:
                    context.Logger.Warning("{Warning}", value.Message);
                    break;
                case TrainingPhase.Step:
                    task.MaxValue = value.TotalSteps;
                    task.Value = value.GlobalStep;
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"epoch {value.Epoch}/{value.Epochs} loss {value.Loss:F3} acc {value.Accuracy:F3} {value.ImagesPerSecond:F0} img/s");
                    break;
                case TrainingPhase.EpochEnd when value.Record is { } e:
                    context.Logger.Information("Epoch {Epoch}: top-1 {Top1:F4}, loss {Loss:F4}", e.Epoch, e.Top1, e.Loss);
                    break;
            }
        }
    }
}
