using LossSearch.Learning.Data;
using LossSearch.Learning.Losses;
using LossSearch.Learning.Training;

namespace LossSearch.Learning.Search;

/// <summary>
/// The search's fitness: a surrogate trained with the candidate loss through the shared trainer on
/// the training split, scored by its best validation top-1. Under <see cref="ProtocolSwitches.TwoStageFitness"/>
/// the full fitness is the predecessor's two trainings (a 32×32 pre-gate, then a fresh surrogate at
/// 80×80); under <see cref="ProtocolSwitches.OnlyPreGateFails"/> a gated-out or diverged training still
/// scores its best epoch, otherwise it is a failure. <paramref name="training"/> receives every
/// candidate's training progress (a workflow's heartbeats while one candidate trains for minutes).
/// </summary>
public sealed class SurrogateFitness(SearchSettings settings, DatasetSplits data, string device, InputNormalization normalization, IProgress<TrainingProgress>? training = null) : IFitnessEvaluator
{
    /// <summary>The published cheap fitness trains without augmentation.</summary>
    public const string NoAugmentation = "none";

    /// <summary>The predecessor's 80×80 input scaling, (x − 127.5) / 128, for pixels already in [0, 1].</summary>
    public static InputNormalization PublishedScaling(int channels) =>
        new(Enumerable.Repeat(127.5f / 255f, channels).ToArray(), Enumerable.Repeat(128f / 255f, channels).ToArray());

    private ProtocolSwitches Switches => settings.Switches;

    public Task<FitnessOutcome> EvaluateAsync(LossExpression loss, FitnessLevel level, long candidateId, string workDirectory, CancellationToken cancellation)
    {
        long seed = TrainingSeed(candidateId);
        string text = loss.ToString();
        if (level == FitnessLevel.Cheap)
        {
            var cheap = settings.CheapFitness!;
            var cheapJob = Switches.TwoStageFitness ? SmallStage(text, cheap, cheap.Epochs, cheap.BatchSize, cheap.GateEpoch, cheap.GateAccuracy, seed)
                : Job(text, cheap, NoAugmentation, seed);
            var result = Run(cheapJob, workDirectory, cancellation);
            return Task.FromResult(Score(result, cheap, preGateAccuracy: Switches.OnlyPreGateFails ? cheap.GateAccuracy : null));
        }
        var fitness = settings.Fitness;
        if (!Switches.TwoStageFitness)
            return Task.FromResult(Score(Run(Job(text, fitness, settings.Augmentation, seed), workDirectory, cancellation), fitness, null));

        var gate = Run(SmallStage(text, fitness, fitness.PreGateEpochs, fitness.PreGateBatchSize, 0, 0, seed), Path.Combine(workDirectory, "pregate"), cancellation);
        double bestTrain = gate.History.Count == 0 ? 0 : gate.History.Max(e => double.IsFinite(e.TrainAccuracy) ? e.TrainAccuracy : 0);
        if (bestTrain < fitness.PreGateAccuracy)
            return Task.FromResult(new FitnessOutcome(null, Metrics(gate), $"pre-gate: best train accuracy {bestTrain:F3} below {fitness.PreGateAccuracy} in {fitness.PreGateEpochs} epochs at {fitness.PreGateImageSize}×{fitness.PreGateImageSize}", device));
        var job = Job(text, fitness, $"{settings.Augmentation}{Separator(settings.Augmentation)}resize={fitness.ImageSize}", seed);
        var main = job with { Run = job.Run with { Normalization = PublishedScaling(data.Train.Channels), EvaluationImageSize = fitness.ImageSize } };
        return Task.FromResult(Score(Run(main, Path.Combine(workDirectory, "main"), cancellation), fitness, preGateAccuracy: 0));
    }

    /// <summary>Common random numbers: every candidate trains with the search's own seed; else each with its own.</summary>
    public long TrainingSeed(long candidateId) =>
        Switches.CommonRandomNumbers ? settings.Seed : settings.Seed * 1_000_003 + candidateId;

    private TrainingResult Run(TrainingJob job, string directory, CancellationToken cancellation)
    {
        Directory.CreateDirectory(directory);
        return job.Execute(data, directory, training, cancellation);
    }

    /// <summary>
    /// The outcome of a training. With <paramref name="preGateAccuracy"/> set (published), only a best
    /// train accuracy under it fails; a gated-out or diverged run scores its best epoch. Without it
    /// (ours), every stop is a failure.
    /// </summary>
    private FitnessOutcome Score(TrainingResult result, FitnessSettings fitness, double? preGateAccuracy)
    {
        if (result.Status == TrainingStatus.Cancelled) throw new OperationCanceledException();
        var best = result.Best;
        var metrics = Metrics(result);
        if (preGateAccuracy is double threshold)
        {
            double bestTrain = result.History.Count == 0 ? 0 : result.History.Max(e => double.IsFinite(e.TrainAccuracy) ? e.TrainAccuracy : 0);
            string? failed = best is null ? "no epoch finished"
                : bestTrain < threshold ? $"best train accuracy {bestTrain:F3} below {threshold}" : null;
            return new FitnessOutcome(failed is null ? best!.Top1 : null, metrics, failed, device);
        }
        var last = result.Last;
        string? failure = result.Status switch
        {
            TrainingStatus.Diverged => $"diverged at step {result.DivergedAtStep}",
            TrainingStatus.GatedOut => $"gated out: train accuracy {last?.TrainAccuracy:F3} below {fitness.GateAccuracy} after epoch {last?.Epoch}",
            _ => best is null ? "no epoch finished" : null,
        };
        return new FitnessOutcome(failure is null ? best!.Top1 : null, metrics, failure, device);
    }

    private static CandidateMetrics? Metrics(TrainingResult result) =>
        result.Best is { } best && result.Last is { } last
            ? new CandidateMetrics(best.Epoch, best.Top1, last.Top1, last.TrainAccuracy, result.Steps, result.Status.ToString())
            : null;

    private static string Separator(string spec) => spec.Contains('?') ? "&" : "?";

    /// <summary>
    /// The predecessor's 32×32 stages (its cheap fitness and its pre-gate): no augmentation, pixels in
    /// [0, 1] without normalisation, images resized to <see cref="FitnessSettings.PreGateImageSize"/>.
    /// The learning rate warms up as in the full run and then holds (the pre-gate ends inside the warm-up at the published scale).
    /// </summary>
    private TrainingJob SmallStage(string loss, FitnessSettings fitness, int epochs, int batch, int gateEpoch, double gateAccuracy, long seed)
    {
        int size = fitness.PreGateImageSize;
        return new(fitness.Surrogate, $"{NoAugmentation}?resize={size}", loss, new TrainingRun
        {
            Epochs = epochs,
            StepsPerEpoch = fitness.StepsPerEpoch,
            BatchSize = batch,
            Optimizer = new OptimizerSettings(OptimizerKind.Adam, fitness.LearningRate),
            Schedule = epochs == fitness.Epochs
                ? new ScheduleSettings(ScheduleKind.WarmupCosine, fitness.WarmupSteps)
                : new ScheduleSettings(ScheduleKind.WarmupConstant, fitness.WarmupSteps),
            Gates = gateEpoch > 0 ? [new AccuracyGate(gateEpoch, gateAccuracy)] : [],
            Seed = seed,
            Device = device,
            Normalization = null,
            EvaluationImageSize = size,
        });
    }

    /// <summary>The training job of one candidate: Adam, linear warm-up then cosine, gates as configured.</summary>
    public TrainingJob Job(string loss, FitnessSettings fitness, string augmentation, long seed) =>
        new(fitness.Surrogate, augmentation, loss, new TrainingRun
        {
            Epochs = fitness.Epochs,
            StepsPerEpoch = fitness.StepsPerEpoch,
            BatchSize = fitness.BatchSize,
            Optimizer = new OptimizerSettings(OptimizerKind.Adam, fitness.LearningRate),
            Schedule = new ScheduleSettings(ScheduleKind.WarmupCosine, fitness.WarmupSteps),
            Gates = fitness.GateEpoch > 0 ? [new AccuracyGate(fitness.GateEpoch, fitness.GateAccuracy)] : [],
            Seed = seed,
            Device = device,
            Normalization = normalization,
        });
}
