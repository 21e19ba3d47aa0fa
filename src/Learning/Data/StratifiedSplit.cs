namespace LossSearch.Learning.Data;

/// <summary>
/// Carves a validation set out of a training set: each class gives its share of
/// <c>validationCount</c> (largest-remainder rounding of count × class fraction), drawn by a seeded
/// shuffle. Both index lists come back in stored order.
/// </summary>
public static class StratifiedSplit
{
    public static (long[] Train, long[] Validation) Split(IReadOnlyList<long> labels, int validationCount, int seed)
    {
        if (validationCount < 0 || validationCount >= labels.Count)
            throw new InvalidInputException($"validation count {validationCount} must be in [0, {labels.Count}) for a training set of {labels.Count}.");
        var byClass = Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key)
            .Select(g => g.Select(i => (long)i).ToArray()).ToArray();
        var exact = byClass.Select(members => (double)validationCount * members.Length / labels.Count).ToArray();
        var quota = exact.Select(e => (int)Math.Floor(e)).ToArray();
        int missing = validationCount - quota.Sum();
        foreach (var c in Enumerable.Range(0, byClass.Length).OrderByDescending(c => exact[c] - quota[c]).ThenBy(c => c).Take(missing))
            quota[c]++;
        var random = new Random(seed);
        var validation = new List<long>(validationCount);
        for (int c = 0; c < byClass.Length; c++)
        {
            var members = (long[])byClass[c].Clone();
            random.Shuffle(members);
            validation.AddRange(members.Take(quota[c]));
        }
        var chosen = validation.ToHashSet();
        return ([.. Enumerable.Range(0, labels.Count).Select(i => (long)i).Where(i => !chosen.Contains(i))], [.. validation.Order()]);
    }
}
