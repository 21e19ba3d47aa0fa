using LossSearch.Learning.Losses;

namespace LossSearch.Learning.Tests.Losses;

internal static class RandomGenomes
{
    /// <summary>Structurally sound published-shape genomes from a fixed seed.</summary>
    public static List<LossExpression> Draw(int count, ulong seed)
    {
        var random = new CheckpointableRandom(seed);
        return Enumerable.Range(0, count).Select(_ => LossGenerator.DrawValid(GenomeShape.Published, random)!).ToList();
    }
}
