using LossSearch.Learning.Losses;

namespace LossSearch.Learning.Search;

/// <summary>
/// Turns random draws and mutations into candidates that pass the integrity check; every rejected
/// one is recorded through <c>reject</c>. Consumes the search's random generator only.
/// </summary>
internal sealed class CandidateDraws(GenomeShape shape, int retries, CheckpointableRandom random, Action<LossExpression, IntegrityVerdict, long?, string?> reject)
{
    /// <summary>A random loss that passes the integrity check.</summary>
    public IntegrityVerdict DrawRandom()
    {
        for (int attempt = 0; attempt < retries; attempt++)
        {
            var genome = LossGenerator.DrawValid(shape, random);
            if (genome is null) continue;
            var verdict = IntegrityCheck.Check(genome);
            if (verdict.Valid) return verdict;
            reject(genome, verdict, null, null);
        }
        throw new InvalidOperationException($"no random loss passed the integrity check in {retries} draws");
    }

    /// <summary>A mutation of <paramref name="parent"/> that passes the integrity check, and its description.</summary>
    public (IntegrityVerdict Verdict, Mutation Mutation) Mutate(LossExpression parent, long parentId)
    {
        for (int attempt = 1; attempt <= retries; attempt++)
        {
            var mutation = LossMutator.MutateOnce(parent, random, attempt);
            if (mutation is null || mutation.Child.Structure != StructureProblem.None) continue;
            var verdict = IntegrityCheck.Check(mutation.Child);
            if (verdict.Valid) return (verdict, mutation);
            reject(mutation.Child, verdict, parentId, mutation.Description);
        }
        throw new InvalidOperationException($"no mutation of candidate {parentId} passed the checks in {retries} retries");
    }
}
