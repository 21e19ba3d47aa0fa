using LossSearch.Learning.Losses;

namespace LossSearch.Learning.Search;

/// <summary>A candidate waiting for (or undergoing) evaluation, in the order its result will be applied.</summary>
public sealed record PendingCandidate
{
    public required long Id { get; set; }
    public long? ParentId { get; set; }
    public required SearchPhase Phase { get; set; }
    public required FitnessLevel Level { get; set; }
    /// <summary><see cref="GenomeCodec"/> text: all nodes, active or not, so mutation can reactivate inactive ones.</summary>
    public required string Genome { get; set; }
    public required string Expression { get; set; }
    public string? Latex { get; set; }
    public string? PhenotypeHash { get; set; }
    public bool Flipped { get; set; }
    public string? Mutation { get; set; }
    /// <summary>Which try of its slot this child is (published: failed children are retried from the same parent).</summary>
    public int Try { get; set; } = 1;
    /// <summary>No valid mutation was found within the retries: the slot passes without training.</summary>
    public bool Exhausted { get; set; }
    /// <summary>An earlier candidate whose result this one re-uses instead of training.</summary>
    public long? DuplicateOf { get; set; }
}

/// <summary>A scored member of the initial pool (cheap fitness), before the population is formed.</summary>
public sealed record PoolEntry(long Id, string Genome, string Expression, double? Fitness);

/// <summary>A living population member with its genome.</summary>
public sealed record MemberState(long Id, string Genome, string Expression, double Fitness, long Birth);

/// <summary>
/// Everything a search needs to continue exactly where it stopped; written after every applied
/// candidate. Evaluated losses (for duplicate detection) are rebuilt from the history.
/// </summary>
public sealed class SearchState
{
    public required RandomState Random { get; set; }
    public long NextCandidateId { get; set; } = 1;
    public long HistoryLength { get; set; }
    public List<PoolEntry> Pool { get; set; } = [];
    /// <summary>Pool candidates generated so far (scored, pending, not rejected).</summary>
    public int PoolGenerated { get; set; }
    public bool FullScoringQueued { get; set; }
    public List<MemberState> Population { get; set; } = [];
    public bool PopulationFormed { get; set; }
    public int ChildrenDone { get; set; }
    public int ChildrenGenerated { get; set; }
    public int ConsecutiveFailures { get; set; }
    /// <summary>Published failed-child retries: the parent (id and genome) and the try of the next child.</summary>
    public long? RetryParentId { get; set; }
    public string? RetryParentGenome { get; set; }
    public int RetryTry { get; set; }
    /// <summary>The exception type of the latest consecutive thrown evaluations, and how many in a row.</summary>
    public string? LastExceptionType { get; set; }
    public int SameExceptionCount { get; set; }
    public bool ReferenceScored { get; set; }
    public double? ReferenceFitness { get; set; }
    public int Trainings { get; set; }
    public double BestFitness { get; set; } = double.NegativeInfinity;
    public List<PendingCandidate> Pending { get; set; } = [];
    public Dictionary<string, int> Rejections { get; set; } = [];
    public List<Reports.EvolutionPoint> Curve { get; set; } = [];
}
