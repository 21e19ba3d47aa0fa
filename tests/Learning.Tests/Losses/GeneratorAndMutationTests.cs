using LossSearch.Learning.Losses;

namespace LossSearch.Learning.Tests.Losses;

public class GeneratorAndMutationTests
{
    [Fact]
    public void GenomesFollowThePublishedLayoutAndProbabilities()
    {
        var random = new CheckpointableRandom(9);
        var shape = GenomeShape.Published;
        int hiddenUnary = 0, rootUnary = 0;
        const int draws = 4000;
        for (int d = 0; d < draws; d++)
        {
            var genome = LossGenerator.Draw(shape, random);
            Assert.Equal(9, genome.Nodes.Count);
            Assert.Equal(8, genome.Root);
            Assert.Equal(GenomeShape.LeafNodes, genome.Nodes.Take(4));
            for (int i = 4; i < 8; i++)
            {
                var node = genome.Nodes[i];
                Assert.All(node.Inputs, input => Assert.True(input != i && input != 8));
                if (node.Arity == 1) hiddenUnary++;
            }
            Assert.All(genome.Nodes[8].Inputs, input => Assert.InRange(input, 4, 7));
            if (genome.Nodes[8].Arity == 1) rootUnary++;
        }
        Assert.InRange(hiddenUnary / (4.0 * draws), 0.68, 0.72);
        Assert.InRange(rootUnary / (double)draws, 0.18, 0.22);
    }

    [Fact]
    public void DrawValidReturnsSoundGenomesOrNullAfterItsAttempts()
    {
        var random = new CheckpointableRandom(3);
        Assert.All(Enumerable.Range(0, 100).Select(_ => LossGenerator.DrawValid(GenomeShape.Published, random)),
            g => Assert.Equal(StructureProblem.None, g!.Structure));
        Assert.Null(LossGenerator.DrawValid(GenomeShape.Published, random, _ => false, maxAttempts: 20));
    }

    [Fact]
    public void MutationKindsFollowThePublishedSplit()
    {
        var random = new CheckpointableRandom(21);
        var parents = RandomGenomes.Draw(200, 4);
        var kinds = new Dictionary<MutationKind, int>();
        int binaryRewires = 0, swaps = 0;
        const int draws = 20_000;
        for (int d = 0; d < draws; d++)
        {
            var parent = parents[d % parents.Count];
            var mutation = LossMutator.MutateOnce(parent, random)!;
            kinds[mutation.Kind] = kinds.GetValueOrDefault(mutation.Kind) + 1;
            if (parent.Nodes[mutation.Node].Arity == 2 && mutation.Kind is MutationKind.Rewire or MutationKind.SwapArguments)
            {
                binaryRewires++;
                if (mutation.Kind == MutationKind.SwapArguments) swaps++;
            }
        }
        Assert.InRange(kinds[MutationKind.ChangeOperator] / (double)draws, 0.68, 0.72);
        Assert.InRange((kinds[MutationKind.Rewire] + kinds[MutationKind.SwapArguments]) / (double)draws, 0.14, 0.16);
        Assert.InRange(kinds[MutationKind.ToggleArity] / (double)draws, 0.14, 0.16);
        Assert.InRange(swaps / (double)binaryRewires, 0.16, 0.24);
    }

    [Fact]
    public void MutationChangesOnlyTheActiveNodeItNames()
    {
        var random = new CheckpointableRandom(8);
        foreach (var parent in RandomGenomes.Draw(300, 6))
        {
            var mutation = LossMutator.MutateOnce(parent, random)!;
            Assert.Contains(mutation.Node, parent.ActiveOperations);
            var before = parent.Nodes[mutation.Node];
            var after = mutation.Child.Nodes[mutation.Node];
            for (int i = 0; i < parent.Nodes.Count; i++)
                if (i != mutation.Node)
                    Assert.Equal(parent.Nodes[i], mutation.Child.Nodes[i]);
            Assert.NotEqual(before, after);
            Assert.StartsWith($"node {mutation.Node}:", mutation.Description);
            switch (mutation.Kind)
            {
                case MutationKind.ChangeOperator:
                    Assert.Equal(before.Arity, after.Arity);
                    Assert.Equal((before.A, before.B), (after.A, after.B));
                    break;
                case MutationKind.SwapArguments:
                    Assert.Equal((before.B, before.A), (after.A, after.B));
                    break;
                case MutationKind.Rewire:
                    Assert.Equal(before.Op, after.Op);
                    var changed = Assert.Single(before.Inputs.Zip(after.Inputs), p => p.First != p.Second);
                    Assert.Contains(changed.Second, Wiring.InputChoices(parent, mutation.Node));
                    break;
                case MutationKind.ToggleArity:
                    Assert.Equal(3 - before.Arity, after.Arity);
                    Assert.Equal(before.A, after.A);
                    break;
            }
        }
    }

    [Fact]
    public void MutateRetriesUntilTheChildIsAccepted()
    {
        var random = new CheckpointableRandom(13);
        var parent = IntegrityCheck.Check(RandomGenomes.Draw(1, 2)[0]).Expression;
        var mutation = LossMutator.Mutate(parent, random, child => IntegrityCheck.Check(child).Valid);
        Assert.NotNull(mutation);
        Assert.True(IntegrityCheck.Check(mutation!.Child).Valid);
        Assert.InRange(mutation.Attempts, 1, LossGenerator.DefaultMaxAttempts);
        Assert.Null(LossMutator.Mutate(parent, random, _ => false, maxAttempts: 25));
    }

    [Fact]
    public void SameSeedGivesTheSameGenomesAndMutations()
    {
        static List<string> Run(ulong seed)
        {
            var random = new CheckpointableRandom(seed);
            var log = new List<string>();
            for (int i = 0; i < 200; i++)
            {
                var genome = LossGenerator.DrawValid(GenomeShape.Published, random)!;
                var mutation = LossMutator.Mutate(genome, random)!;
                log.Add(GenomeCodec.Encode(genome) + " => " + mutation.Description);
            }
            return log;
        }
        Assert.Equal(Run(77), Run(77));
        Assert.NotEqual(Run(77), Run(78));
    }

    [Fact]
    public void GenomeCodecKeepsInactiveNodes()
    {
        foreach (var genome in RandomGenomes.Draw(200, 10).Select(g => g.WithFlip(true)))
        {
            var decoded = GenomeCodec.Decode(GenomeCodec.Encode(genome));
            Assert.Equal(genome.Nodes, decoded.Nodes);
            Assert.Equal(genome.Root, decoded.Root);
            Assert.True(decoded.Flip);
        }
        Assert.Throws<InvalidInputException>(() => GenomeCodec.Decode("y;yhat;log:7|root=2|flip=0"));
        Assert.Throws<InvalidInputException>(() => GenomeCodec.Decode("y;yhat;mul:0|root=2|flip=0"));
        Assert.Throws<InvalidInputException>(() => GenomeCodec.Decode("y;yhat"));
    }

    [Fact]
    public void RandomLossesAreValidDistinctAndDeterministic()
    {
        var first = RandomLosses.Draw(GenomeShape.Published, new CheckpointableRandom(5), 12);
        var again = RandomLosses.Draw(GenomeShape.Published, new CheckpointableRandom(5), 12);
        Assert.Equal(12, first.Losses.Count);
        Assert.Equal(first.Losses.Select(v => v.Expression.ToString()), again.Losses.Select(v => v.Expression.ToString()));
        var candidates = first.Losses.Select(v => v.ToCandidate()).ToList();
        for (int i = 0; i < candidates.Count; i++)
            Assert.Null(DuplicateCheck.Find(candidates[i], candidates.Where((_, k) => k != i).ToList()));
        Assert.All(first.Losses, v => Assert.True(IntegrityCheck.Check(v.Expression) is { Valid: true, Flipped: false }));
    }

    [Fact]
    public void RandomLossesGiveUpAfterTheirDrawLimit()
    {
        var draw = RandomLosses.Draw(new GenomeShape(Hidden: 1), new CheckpointableRandom(1), 50, maxDrawsPerLoss: 2);
        Assert.Equal(100, draw.Drawn);
        Assert.InRange(draw.Losses.Count, 0, 49);
    }
}
