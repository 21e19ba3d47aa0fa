using LossSearch.Learning.Losses;

namespace LossSearch.Learning.Search;

/// <summary>
/// Every loss evaluated so far at one fitness level, for duplicate detection: canonical text and
/// phenotype, with the result to re-use (null fitness when its training failed).
/// </summary>
public sealed class EvaluatedLosses
{
    private readonly List<LossCandidate> _candidates = [];
    private readonly List<(long Id, double? Fitness)> _results = [];
    private readonly Dictionary<string, int> _byText = new(StringComparer.Ordinal);
    private readonly Dictionary<long, int> _byId = [];

    public int Count => _candidates.Count;

    public void Add(long id, LossCandidate candidate, double? fitness)
    {
        _byText.TryAdd(candidate.Canonical, _candidates.Count);
        _byId[id] = _candidates.Count;
        _candidates.Add(candidate);
        _results.Add((id, fitness));
    }

    /// <summary>The result of candidate <paramref name="id"/>: (fitness or null when it failed), or null when it was never evaluated here.</summary>
    public Result? ResultOf(long id) => _byId.TryGetValue(id, out int index) ? new Result(_results[index].Fitness) : null;

    public readonly record struct Result(double? Fitness);

    /// <summary>The earlier evaluation this candidate duplicates (same canonical text, else phenotype within 0.01), or null.</summary>
    public (long Id, double? Fitness)? Find(LossCandidate candidate)
    {
        if (_byText.TryGetValue(candidate.Canonical, out int index)) return _results[index];
        var match = DuplicateCheck.Find(candidate, _candidates);
        return match is null ? null : _results[match.Index];
    }
}
