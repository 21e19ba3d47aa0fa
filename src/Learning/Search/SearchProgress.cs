namespace LossSearch.Learning.Search;

/// <summary>Where a search stands, reported after every applied candidate.</summary>
public sealed record SearchProgress(
    SearchPhase Phase,
    int Applied,
    int Total,
    int Trainings,
    double? BestFitness,
    string? Current,
    IReadOnlyDictionary<string, int> Rejections,
    TimeSpan? Eta);

/// <summary>The outcome of a search: its best distinct losses, how many candidates it evaluated and rejected, and its files.</summary>
public sealed record SearchOutcome(
    IReadOnlyList<RankedLoss> Top,
    int Evaluated,
    IReadOnlyDictionary<string, int> Rejected,
    string History,
    string Summary,
    string Plot,
    IReadOnlyList<MemberState> Population)
{
    /// <summary>Seconds spent inside fitness evaluations during this call, summed over candidates in flight together.</summary>
    public double TrainingSeconds { get; init; }

    /// <summary>Wall-clock seconds of this call, from opening the folder to writing the summary and plot.</summary>
    public double WallSeconds { get; init; }

    /// <summary>Cross-entropy's own full fitness with the search's recipe, seeds and data (null when not scored or when it failed).</summary>
    public double? ReferenceFitness { get; init; }
}

public sealed record RankedLoss(string Expression, double Fitness, long CandidateId, string? Latex);
