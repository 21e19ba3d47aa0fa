using LossSearch.Learning.Data;
using LossSearch.Learning.Losses;
using LossSearch.Learning.Training;

namespace LossSearch.Learning.Search;

/// <summary>
/// The search's fitness: a surrogate trained with the candidate loss through the shared trainer on
/// the training split, scored by its best validation top-1. Training that diverges or misses its
/// accuracy gate is a failure, not a score.
/// </summary>
public sealed class SurrogateFitness(SearchSettings settings, DatasetSplits data, string device, InputNormalization normalization) : IFitnessEvaluator
{
    /// <summary>The published cheap fitness trains without augmentation.</summary>
    public const string NoAugmentation = "none";

    public Task<FitnessOutcome> EvaluateAsync(LossExpression loss, FitnessLevel level, long candidateId, string workDirectory, CancellationToken cancellation)
    {
        var fitness = level == FitnessLevel.Cheap ? settings.CheapFitness! : settings.Fitness;
        var job = Job(loss.ToString(), fitness, level == FitnessLevel.Cheap ? NoAugmentation : settings.Augmentation, settings.Seed * 1_000_003 + candidateId);
        var result = job.Execute(data, workDirectory, progress: null, cancellation);
        if (result.Status == TrainingStatus.Cancelled) throw new OperationCanceledException(cancellation);
        var best = result.Best;
        var last = result.Last;
        var metrics = best is null || last is null ? null
            : new CandidateMetrics(best.Epoch, best.Top1, last.Top1, last.TrainAccuracy, result.Steps, result.Status.ToString());
        string? failure = result.Status switch
        {
            TrainingStatus.Diverged => $"diverged at step {result.DivergedAtStep}",
            TrainingStatus.GatedOut => $"gated out: train accuracy {last?.TrainAccuracy:F3} below {fitness.GateAccuracy} after epoch {last?.Epoch}",
            _ => best is null ? "no epoch finished" : null,
        };
        return Task.FromResult(new FitnessOutcome(failure is null ? best!.Top1 : null, metrics, failure, device));
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
