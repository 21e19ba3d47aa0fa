namespace LossSearch.Learning.Search;

/// <summary>
/// A living member of the population: the candidate it came from, its canonical expression, its
/// fitness and its birth (0 for the initial population; children count up from 1, so a smaller
/// birth is older).
/// </summary>
public sealed record PopulationMember(long CandidateId, string Expression, double Fitness, long Birth);
