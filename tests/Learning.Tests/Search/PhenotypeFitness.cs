using LossSearch.Learning.Losses;
using LossSearch.Learning.Search;

namespace LossSearch.Learning.Tests.Search;

/// <summary>
/// A deterministic, training-free fitness for testing the evolution machinery: how close a loss's
/// phenotype is to cross-entropy's (1 − mean absolute difference). It keeps a step counter in the
/// candidate's work folder, like a trainer's checkpoint, so tests can see evaluations resume.
/// </summary>
internal sealed class PhenotypeFitness : IFitnessEvaluator
{
    private static readonly Phenotype Target = IntegrityCheck.Check(LossCatalog.Resolve("cross-entropy")).Phenotype!;
    private int _calls, _resumed;

    public int Steps { get; init; } = 3;
    public int MaxDelayMs { get; init; }
    public Func<long, bool> FailsFor { get; init; } = _ => false;
    /// <summary>Throws this exception for the candidates it returns one for (a systematic error such as out of memory).</summary>
    public Func<long, Exception?> ThrowsFor { get; init; } = _ => null;
    /// <summary>Cancels the search's token (through the callback) when this candidate reaches step 1.</summary>
    public long? CancelInside { get; init; }
    public Action? Cancel { get; init; }

    public int Calls => _calls;
    public int Resumed => _resumed;

    public async Task<FitnessOutcome> EvaluateAsync(LossExpression loss, FitnessLevel level, long candidateId, string workDirectory, CancellationToken cancellation)
    {
        Interlocked.Increment(ref _calls);
        string counter = Path.Combine(workDirectory, "step.txt");
        int step = File.Exists(counter) ? int.Parse(File.ReadAllText(counter)) : 0;
        if (step > 0) Interlocked.Increment(ref _resumed);
        var jitter = new Random((int)candidateId);
        for (; step < Steps; step++)
        {
            if (MaxDelayMs > 0) await Task.Delay(jitter.Next(MaxDelayMs), CancellationToken.None);
            File.WriteAllText(counter, (step + 1).ToString());
            if (candidateId == CancelInside && step == 0) Cancel?.Invoke();
            cancellation.ThrowIfCancellationRequested();
        }
        if (ThrowsFor(candidateId) is { } error) throw error;
        if (FailsFor(candidateId)) return new FitnessOutcome(null, null, "diverged at step 2", "cpu");
        var phenotype = IntegrityCheck.Check(loss).Phenotype!;
        double distance = phenotype.Values.Zip(Target.Values, (a, b) => Math.Abs(a - b)).Average();
        double fitness = Math.Round((1 - distance) * (level == FitnessLevel.Cheap ? 0.5 : 1.0), 12);
        return new FitnessOutcome(fitness, new CandidateMetrics(1, fitness, fitness, fitness, Steps, "Completed"), null, "cpu");
    }
}
