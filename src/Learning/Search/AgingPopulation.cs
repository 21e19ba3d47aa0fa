namespace LossSearch.Learning.Search;

/// <summary>
/// The population of regularized (aging) evolution: tournament selection picks parents, and each
/// new child replaces the oldest member (among equally old, the least fit; then the lowest id).
/// </summary>
public sealed class AgingPopulation
{
    private readonly List<PopulationMember> _members;

    public AgingPopulation(IEnumerable<PopulationMember> members) => _members = members.ToList();

    public IReadOnlyList<PopulationMember> Members => _members;
    public int Count => _members.Count;

    /// <summary>Samples <paramref name="sampleSize"/> members with replacement; the fittest (first drawn on ties) is the parent.</summary>
    public PopulationMember SelectParent(Func<int, int> nextIndex, int sampleSize)
    {
        if (_members.Count == 0) throw new InvalidOperationException("the population is empty");
        PopulationMember? best = null;
        for (int i = 0; i < sampleSize; i++)
        {
            var drawn = _members[nextIndex(_members.Count)];
            if (best is null || drawn.Fitness > best.Fitness) best = drawn;
        }
        return best!;
    }

    /// <summary>Adds the child and removes the oldest member; returns the member removed.</summary>
    public PopulationMember Replace(PopulationMember child)
    {
        var oldest = _members
            .OrderBy(m => m.Birth).ThenBy(m => m.Fitness).ThenBy(m => m.CandidateId)
            .First();
        _members.Remove(oldest);
        _members.Add(child);
        return oldest;
    }

    public double MedianFitness()
    {
        var sorted = _members.Select(m => m.Fitness).Order().ToArray();
        int n = sorted.Length;
        return n == 0 ? double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public PopulationMember Best() => _members.OrderByDescending(m => m.Fitness).ThenBy(m => m.CandidateId).First();
}
