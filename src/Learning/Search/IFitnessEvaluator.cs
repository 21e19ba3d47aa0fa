using LossSearch.Learning.Losses;

namespace LossSearch.Learning.Search;

/// <summary>The two fitness forms of the search: the initial pool's cheap one and the full one.</summary>
public enum FitnessLevel { Cheap, Full }

/// <summary>A candidate's fitness, or why training it failed (diverged, gated out, threw).</summary>
public sealed record FitnessOutcome(double? Fitness, CandidateMetrics? Metrics, string? FailureReason, string Device)
{
    public bool Succeeded => Fitness is not null;

    /// <summary>Wall time of the evaluation in this process (a resumed one counts from its resumption).</summary>
    public double Seconds { get; init; }

    /// <summary>The exception type when the evaluation threw (a possible systematic error), else null.</summary>
    public string? ExceptionType { get; init; }
}

/// <summary>
/// Scores one candidate loss. Must be deterministic for a given (loss, level, candidate id) and
/// resume from its own checkpoint in <c>workDirectory</c> when one is there; several calls may run at once.
/// </summary>
public interface IFitnessEvaluator
{
    Task<FitnessOutcome> EvaluateAsync(LossExpression loss, FitnessLevel level, long candidateId, string workDirectory, CancellationToken cancellation);
}
