using System.Diagnostics;
using LossSearch.Learning.Augment;
using LossSearch.Learning.Data;
using LossSearch.Learning.Losses;
using LossSearch.Learning.Models;
using LossSearch.Learning.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LossSearch.Learning.Training;

/// <summary>
/// The one training loop of every stage. Deterministic on the CPU given <see cref="TrainingRun.Seed"/>:
/// the data order, the augmentation draws and the model's own randomness (dropout, stochastic depth)
/// at step s are seeded from (seed, s), so a run resumed from a checkpoint ends with the same weights and
/// metrics as one that never stopped. On CUDA, libtorch kernels make this best-effort.
/// </summary>
public static class Trainer
{
    public static TrainingResult Run(
        TrainingRun run,
        DatasetSplits data,
        IBatchAugmentation augmentation,
        LossFunction loss,
        nn.Module<Tensor, Tensor> model,
        TrainingCheckpoints? checkpoints = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        run.Validate();
        var device = DeviceSelection.Resolve(run.Device);
        var placement = DevicePlacement.For(device);
        int classes = data.Train.Classes.Count;
        CheckCompatibility(model, data);
        var batches = new TrainingBatches(data.Train, run.BatchSize, run.Seed, device);
        if (batches.BatchesPerPass == 0)
            throw new InvalidInputException($"batch: {run.BatchSize} is larger than the training split of {data.Name} ({data.Train.Count} images).");
        run = run with { Schedule = run.Schedule.ForSplit(batches.BatchesPerPass) };
        long stepsPerEpoch = run.StepsPerEpoch ?? batches.BatchesPerPass;
        long totalSteps = stepsPerEpoch * run.Epochs;
        var evaluationSplit = data.Validation ?? data.Test;
        var warnings = new List<string>();
        void Warn(string message)
        {
            warnings.Add(message);
            progress?.Report(new TrainingProgress(TrainingPhase.Warning, 0, run.Epochs, 0, stepsPerEpoch, 0, totalSteps, double.NaN, double.NaN, 0, 0, null, Message: message));
        }

        run = run with { FlatParameters = run.FlatParameters ?? FlattensByDefault(checkpoints) };
        model.to(device);
        model.train();
        using var flat = run.FlatParameters == true ? FlatParameters.Pack(model) : null;
        using var optimizer = OptimizerFactory.Create(run.Optimizer, flat is null ? model.parameters() : [flat.Parameter]);
        using var average = run.EmaDecay is double decay ? new WeightAverage(model, decay) : null;
        var state = new CheckpointState(0, run.Seed, run.BatchSize, stepsPerEpoch, totalSteps, null, [], 0, 0, 0, average is not null,
            Identity: RunIdentity.Of(run, data));
        string? checkpointPath = null;
        (long Step, int Epoch) resumedFrom = (0, 0);
        if (checkpoints is not null)
        {
            if (checkpoints.Resume)
            {
                var asked = state;
                var loaded = checkpoints.LoadLatest(model, optimizer, average, Warn, (saved, path) => CheckSameRun(saved, asked, path));
                if (loaded is { } found)
                {
                    // A checkpoint from before identities were recorded takes this run's from now on.
                    state = found.State with { Identity = found.State.Identity ?? state.Identity };
                    checkpointPath = found.Path;
                    resumedFrom = (state.GlobalStep, state.History.Count);
                }
            }
            else if (checkpoints.HoldsCheckpoints)
                throw new InvalidInputException($"checkpoint folder '{checkpoints.Directory}' already holds a run; resume it or choose another folder.");
        }
        if (state.Status is TrainingStatus.Completed or TrainingStatus.GatedOut or TrainingStatus.Diverged)
            return Result(state, checkpointPath, warnings, resumedFrom);

        // Augmentation parameters come from the host so that a seed gives the same batch on any device;
        // dropout and stochastic depth draw on the device from this run's own generator. Both re-seeded every step.
        using var augmentationGenerator = DevicePlacement.NewHostGenerator();
        using var modelGenerator = placement.NewDeviceGenerator();
        using var modelRandomness = ModelRandomness.Use(modelGenerator);
        var clock = Stopwatch.StartNew();
        var sinceRead = Stopwatch.StartNew();
        long stepsThisSession = 0;
        double epochSeconds = 0;
        var epochClock = Stopwatch.StartNew();
        using var stream = batches.From(state.GlobalStep).GetEnumerator();
        using var pending = new PendingSteps();
        double learningRate = 0;

        // Brings the pending steps' metrics to the host (one synchronisation) and folds them into the state;
        // false when one of them diverged, the state then being the one before that step.
        bool ReadPending()
        {
            long first = state.GlobalStep - pending.Count;
            var steps = pending.Read();
            var folded = state with { GlobalStep = first };
            for (int i = 0; i < steps.Length; i++)
            {
                var (lossValue, correct) = steps[i];
                if (!double.IsFinite(lossValue))
                {
                    state = folded with { Status = TrainingStatus.Diverged, DivergedAtStep = first + i };
                    return false;
                }
                folded = folded with
                {
                    GlobalStep = first + i + 1,
                    EpochLossSum = folded.EpochLossSum + lossValue * run.BatchSize,
                    EpochCorrect = folded.EpochCorrect + correct,
                    EpochImages = folded.EpochImages + run.BatchSize,
                };
            }
            state = folded;
            sinceRead.Restart();
            return true;
        }

        while (state.GlobalStep < totalSteps)
        {
            long stepStart = Stopwatch.GetTimestamp();
            if (!stream.MoveNext()) throw new InvalidOperationException("training batches ended");
            long step = state.GlobalStep;
            learningRate = LearningRateSchedule.At(run.Schedule, run.Optimizer.LearningRate, step, stepsPerEpoch, totalSteps);
            OptimizerFactory.SetLearningRate(optimizer, learningRate);
            modelGenerator.manual_seed(StepSeeds.Derive(run.Seed, step, StepSeeds.Model));
            augmentationGenerator.manual_seed(StepSeeds.Derive(run.Seed, step, StepSeeds.Augmentation));

            var (lossOnDevice, correctOnDevice) = Step(run, model, optimizer, flat, average, augmentation, loss, stream.Current, classes, augmentationGenerator);
            pending.Add(lossOnDevice, correctOnDevice);
            state = state with { GlobalStep = step + 1 };
            stepsThisSession++;
            int epoch = (int)(step / stepsPerEpoch) + 1;
            long stepInEpoch = step % stepsPerEpoch + 1;
            bool epochEnds = stepInEpoch == stepsPerEpoch;
            bool cancelled = cancellation.IsCancellationRequested && state.GlobalStep < totalSteps;
            bool reportDue = stepInEpoch % run.ProgressEverySteps == 0 || sinceRead.Elapsed.TotalSeconds >= run.ProgressEverySeconds;
            if (!(epochEnds || cancelled || reportDue))
            {
                TrainingMeters.AddStepTime(stepStart);
                continue;
            }

            bool finite = ReadPending();
            TrainingMeters.AddStepTime(stepStart);
            if (!finite) return Result(state, checkpointPath, warnings, resumedFrom);
            double imagesPerSecond = stepsThisSession * (double)run.BatchSize / clock.Elapsed.TotalSeconds;
            progress?.Report(new TrainingProgress(TrainingPhase.Step, epoch, run.Epochs, stepInEpoch, stepsPerEpoch, state.GlobalStep, totalSteps,
                state.EpochLossSum / state.EpochImages, (double)state.EpochCorrect / state.EpochImages, learningRate, imagesPerSecond,
                TimeSpan.FromSeconds((totalSteps - state.GlobalStep) * clock.Elapsed.TotalSeconds / stepsThisSession)));

            if (epochEnds)
            {
                double trainLoss = state.EpochLossSum / state.EpochImages, trainAccuracy = (double)state.EpochCorrect / state.EpochImages;
                long evaluationStart = Stopwatch.GetTimestamp();
                var (evalLoss, top1, top5) = EvaluateNow(run, model, average, evaluationSplit, loss, device);
                bool gatedOut = run.Gates.Any(g => epoch >= g.FromEpoch && trainAccuracy < g.MinTrainAccuracy);
                var record = new EpochRecord(epoch, trainLoss, trainAccuracy, evalLoss, top1, top5, learningRate, 0);
                if (run.TestAtEnd && data.Validation is not null && (gatedOut || state.GlobalStep == totalSteps))
                {
                    var (_, testTop1, testTop5) = EvaluateNow(run, model, average, data.Test, loss, device);
                    record = record with { TestTop1 = testTop1, TestTop5 = testTop5 };
                }
                TrainingMeters.AddEvaluationTime(evaluationStart);
                epochSeconds += epochClock.Elapsed.TotalSeconds;
                record = record with { Seconds = epochSeconds };
                epochSeconds = 0;
                epochClock.Restart();
                var history = new List<EpochRecord>(state.History) { record };
                state = state with
                {
                    History = history, EpochLossSum = 0, EpochCorrect = 0, EpochImages = 0,
                    Status = gatedOut ? TrainingStatus.GatedOut : state.GlobalStep == totalSteps ? TrainingStatus.Completed : null,
                };
                if (checkpoints is not null) checkpointPath = checkpoints.Write(state, model, optimizer, average);
                progress?.Report(new TrainingProgress(TrainingPhase.EpochEnd, epoch, run.Epochs, stepInEpoch, stepsPerEpoch, state.GlobalStep, totalSteps,
                    trainLoss, trainAccuracy, learningRate, imagesPerSecond, null, record));
                if (gatedOut) return Result(state, checkpointPath, warnings, resumedFrom);
            }
            if (cancelled)
            {
                if (checkpoints is not null && state.GlobalStep % stepsPerEpoch != 0)
                    checkpointPath = checkpoints.Write(state, model, optimizer, average);
                return Result(state with { Status = TrainingStatus.Cancelled }, checkpointPath, warnings, resumedFrom);
            }
        }
        return Result(state with { Status = TrainingStatus.Completed }, checkpointPath, warnings, resumedFrom);
    }

    /// <summary>One optimisation step; returns its loss and its count of correct predictions as device scalars (no host synchronisation).</summary>
    private static (Tensor Loss, Tensor Correct) Step(
        TrainingRun run, nn.Module<Tensor, Tensor> model, OptimizerHelper optimizer, FlatParameters? flat, WeightAverage? average,
        IBatchAugmentation augmentation, LossFunction loss, (Tensor Images, Tensor Labels) batch, int classes, Generator generator)
    {
        using var images = batch.Images;
        using var labels = batch.Labels;
        using var scope = torch.NewDisposeScope();
        using var augmented = augmentation.Apply(images, labels, classes, generator);
        var x = InputPreparation.ToModelInput(augmented.Images, run.Normalization);
        var targets = InputPreparation.Smooth(augmented.Targets, run.LabelSmoothing);
        var logits = model.forward(x);
        var value = loss(targets, nn.functional.softmax(logits, 1));
        if (flat is null) optimizer.zero_grad();
        else flat.ZeroGradients();
        value.backward();
        optimizer.step();
        average?.Update(model);
        var correct = logits.argmax(1).eq(augmented.Targets.argmax(1)).sum();
        return (value.detach().MoveToOuterDisposeScope(), correct.MoveToOuterDisposeScope());
    }

    private static (double Loss, double Top1, double Top5) EvaluateNow(
        TrainingRun run, nn.Module<Tensor, Tensor> model, WeightAverage? average, IBatchSource split, LossFunction loss, Device device)
    {
        using var swapped = average?.Apply(model);
        return Evaluation.Run(model, split, loss, run.EvaluationBatchSize, device, run.Normalization, run.EvaluationImageSize);
    }

    private static TrainingResult Result(CheckpointState state, string? checkpointPath, List<string> warnings, (long Step, int Epoch) resumedFrom) =>
        new(state.Status ?? TrainingStatus.Cancelled, state.History, state.GlobalStep, checkpointPath, state.DivergedAtStep, warnings)
        {
            ResumedFromStep = resumedFrom.Step,
            ResumedFromEpoch = resumedFrom.Epoch,
        };

    private static void CheckCompatibility(nn.Module<Tensor, Tensor> model, DatasetSplits data)
    {
        var firstConvolution = model.modules().OfType<Conv2d>().FirstOrDefault();
        if (firstConvolution is not null && firstConvolution.weight.shape[1] != data.Train.Channels)
            throw new InvalidInputException(
                $"dataset {data.Name} has {data.Train.Channels}-channel images, but the model's first convolution takes {firstConvolution.weight.shape[1]} channels.");
        if (model is IHasClassifier head && head.Classes != data.Train.Classes.Count)
            throw new InvalidInputException($"dataset {data.Name} has {data.Train.Classes.Count} classes, but the model predicts {head.Classes}.");
    }

    /// <summary>
    /// New runs flatten (faster optimizer steps, same numbers); a resumed run keeps its checkpoint's layout, so that
    /// checkpoints written before flattening became the default still resume, plain.
    /// </summary>
    private static bool FlattensByDefault(TrainingCheckpoints? checkpoints) =>
        checkpoints is not { Resume: true } || checkpoints.ReadLatestSummary() is not { } saved
        || (saved.Identity.TryGetValue(RunIdentity.FlatParametersSetting, out var value) && value == "true");

    private static void CheckSameRun(CheckpointState saved, CheckpointState asked, string path)
    {
        if (saved.Seed != asked.Seed || saved.BatchSize != asked.BatchSize || saved.StepsPerEpoch != asked.StepsPerEpoch || saved.TotalSteps != asked.TotalSteps)
            throw new InvalidInputException(
                $"checkpoint {path} belongs to another run (seed {saved.Seed}, batch {saved.BatchSize}, {saved.StepsPerEpoch} steps/epoch, {saved.TotalSteps} steps) " +
                $"than the one asked for (seed {asked.Seed}, batch {asked.BatchSize}, {asked.StepsPerEpoch} steps/epoch, {asked.TotalSteps} steps).");
        if (saved.Identity is { } made && asked.Identity is { } wanted && RunIdentity.FirstDifference(made, wanted) is var (setting, was, now))
            throw new InvalidInputException(
                $"checkpoint {path} was made with {setting} = {was}, but this run asks for {setting} = {now}; resume with the same settings or choose another checkpoint folder.");
    }
}
