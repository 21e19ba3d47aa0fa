using LossSearch.Learning.Losses;

namespace LossSearch.Learning.Tests.Losses;

public class RoundTripTests
{
    [Fact]
    public void ParsingThePrintedFormGivesTheSameTextAndProbeCurveForThousandsOfRandomDags()
    {
        foreach (var genome in RandomGenomes.Draw(2000, 123))
        {
            var dag = genome.WithFlip(genome.Nodes[5].Arity == 1);
            string text = dag.ToString();
            Assert.True(LossParser.TryParse(text, out var parsed, out var error), $"{text}: {error}");
            Assert.Equal(text, parsed!.ToString());
            Assert.Equal(dag.Flip, parsed.Flip);
            var expected = IntegrityCheck.ProbeCurve(dag);
            var actual = IntegrityCheck.ProbeCurve(parsed);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(expected[i].Equals(actual[i]), $"{text}: probe point {i} is {expected[i]} vs {actual[i]}");
            string latex = LossLatex.Render(dag);
            Assert.Equal(latex.Count(c => c == '{'), latex.Count(c => c == '}'));
        }
    }

    [Fact]
    public void ValidRandomLossesKeepTheirPhenotypeThroughText()
    {
        var random = new CheckpointableRandom(31);
        var losses = RandomLosses.Draw(GenomeShape.Published, random, 100).Losses;
        foreach (var verdict in losses)
        {
            var reparsed = IntegrityCheck.Check(LossParser.Parse(verdict.Expression.ToString()));
            Assert.True(reparsed.Valid);
            Assert.False(reparsed.Flipped);
            Assert.Equal(verdict.Phenotype!.Hash, reparsed.Phenotype!.Hash);
        }
    }
}
