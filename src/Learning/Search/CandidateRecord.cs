using System.Text.Json.Serialization;

namespace LossSearch.Learning.Search;

/// <summary>What became of a candidate.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CandidateVerdict>))]
public enum CandidateVerdict
{
    /// <summary>Trained; its fitness is its own.</summary>
    Evaluated,
    /// <summary>Same canonical text or phenotype as one evaluated before; its fitness is re-used.</summary>
    Duplicate,
    /// <summary>Failed the integrity check (the reason names the rule).</summary>
    Rejected,
    /// <summary>Trained but failed: diverged, gated out, or threw; re-drawn.</summary>
    Failed,
}

/// <summary>Which stage of the search produced a candidate.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SearchPhase>))]
public enum SearchPhase { InitialCheap, InitialFull, Child }

/// <summary>One line of a search's append-only history (JSON lines).</summary>
public sealed record CandidateRecord
{
    public required long Id { get; init; }
    public long? ParentId { get; init; }
    public required SearchPhase Phase { get; init; }
    public string? Mutation { get; init; }
    public required string Expression { get; init; }
    public string? Latex { get; init; }
    public string? PhenotypeHash { get; init; }
    public bool Flipped { get; init; }
    public required CandidateVerdict Verdict { get; init; }
    public string? Reason { get; init; }
    public double? Fitness { get; init; }
    /// <summary>For a duplicate, the candidate whose fitness was re-used.</summary>
    public long? DuplicateOf { get; init; }
    public CandidateMetrics? Metrics { get; init; }
    public double WallSeconds { get; init; }
    public string? Device { get; init; }
}

/// <summary>Training metrics of an evaluated candidate.</summary>
public sealed record CandidateMetrics(int BestEpoch, double BestValidationTop1, double LastValidationTop1, double LastTrainTop1, long Steps, string Status);
