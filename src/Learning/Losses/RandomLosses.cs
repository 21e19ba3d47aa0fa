namespace LossSearch.Learning.Losses;

/// <summary>Distinct random losses that pass the integrity check, and how many genomes it took.</summary>
public sealed record RandomLossDraw(IReadOnlyList<IntegrityVerdict> Losses, int Drawn);

/// <summary>
/// Draws random genomes until enough pass the integrity check and duplicate detection, giving up
/// after <c>maxDrawsPerLoss</c> draws per wanted loss (small shapes may
/// not hold that many distinct losses); the result then holds fewer.
/// </summary>
public static class RandomLosses
{
    public static RandomLossDraw Draw(GenomeShape shape, CheckpointableRandom random, int count, CancellationToken cancellation = default,
        int maxDrawsPerLoss = LossGenerator.DefaultMaxAttempts)
    {
        var accepted = new List<IntegrityVerdict>();
        var candidates = new List<LossCandidate>();
        int drawn = 0;
        long limit = (long)count * maxDrawsPerLoss;
        while (accepted.Count < count && drawn < limit)
        {
            cancellation.ThrowIfCancellationRequested();
            drawn++;
            var genome = LossGenerator.Draw(shape, random);
            if (genome.Structure != StructureProblem.None)
                continue;
            var verdict = IntegrityCheck.Check(genome);
            if (!verdict.Valid)
                continue;
            var candidate = verdict.ToCandidate();
            if (DuplicateCheck.Find(candidate, candidates) is not null)
                continue;
            accepted.Add(verdict);
            candidates.Add(candidate);
        }
        return new RandomLossDraw(accepted, drawn);
    }
}
