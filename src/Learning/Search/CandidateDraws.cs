using LossSearch.Learning.Losses;

namespace LossSearch.Learning.Search;

/// <summary>
/// Turns random draws and mutations into candidates that pass the integrity check; every rejected
/// one is recorded through <c>reject</c>. Consumes the search's random generator only. When the
/// retries run out it returns null instead of throwing, so a search records the exhausted slot
/// and moves on (and a resumed search does not replay into the same failure).
/// </summary>
internal sealed class CandidateDraws(GenomeShape shape, int retries, CheckpointableRandom random, ProtocolSwitches switches,
    Action<LossExpression, IntegrityVerdict, long?, string?> reject)
{
    /// <summary>A random loss that passes the integrity check, or null after <c>retries</c> draws.</summary>
    public IntegrityVerdict? DrawRandom()
    {
        for (int attempt = 0; attempt < retries; attempt++)
        {
            var genome = LossGenerator.DrawValid(shape, random, wiring: switches.Wiring);
            if (genome is null) continue;
            var verdict = IntegrityCheck.Check(genome, switches.CurveRules);
            if (verdict.Valid) return verdict;
            reject(genome, verdict, null, null);
        }
        return null;
    }

    /// <summary>
    /// A mutation of <paramref name="parent"/> that passes the integrity check and is not rejected by
    /// <paramref name="duplicateOf"/> (which names the member it duplicates), and its description; null after <c>retries</c> tries.
    /// </summary>
    public (IntegrityVerdict Verdict, Mutation Mutation)? Mutate(LossExpression parent, long parentId, Func<LossCandidate, string?>? duplicateOf = null)
    {
        for (int attempt = 1; attempt <= retries; attempt++)
        {
            var mutation = LossMutator.MutateOnce(parent, random, attempt, switches.Wiring);
            if (mutation is null || mutation.Child.Structure != StructureProblem.None) continue;
            var verdict = IntegrityCheck.Check(mutation.Child, switches.CurveRules);
            if (!verdict.Valid)
            {
                reject(mutation.Child, verdict, parentId, mutation.Description);
                continue;
            }
            if (duplicateOf?.Invoke(verdict.ToCandidate()) is string reason)
            {
                reject(verdict.Expression, verdict with { Valid = false, Rule = IntegrityRule.None, Reason = reason }, parentId, mutation.Description);
                continue;
            }
            return (verdict, mutation);
        }
        return null;
    }
}
