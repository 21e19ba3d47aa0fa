using LossSearch.Learning.Losses;

namespace LossSearch.Learning.Tests.Losses;

/// <summary>Generation and mutation under the predecessor's wiring, each checked against ours where they differ.</summary>
public class PublishedWiringTests
{
    private static List<LossExpression> Draws(WiringRules wiring, int count, ulong seed = 4)
    {
        var random = new CheckpointableRandom(seed);
        return Enumerable.Range(0, count).Select(_ => LossGenerator.Draw(GenomeShape.Published, random, wiring)).ToList();
    }

    private static IEnumerable<LossNode> BinaryNodes(LossExpression e) => e.Nodes.Where(n => n.Arity == 2);

    [Fact]
    public void ABinaryNodesTwoInputsDiffer()
    {
        Assert.All(Draws(WiringRules.Published, 2000).SelectMany(BinaryNodes), n => Assert.NotEqual(n.A, n.B));
        Assert.Contains(Draws(WiringRules.Ours, 2000).SelectMany(BinaryNodes), n => n.A == n.B);
    }

    [Fact]
    public void EveryPublishedNodeCarriesALatentOperatorOfTheOtherArityThroughTheCodec()
    {
        foreach (var genome in Draws(WiringRules.Published, 200))
        {
            Assert.All(genome.Nodes.Where(n => !n.IsLeaf), n => Assert.Equal(3 - n.Arity, n.Latent!.Arity));
            var decoded = GenomeCodec.Decode(GenomeCodec.Encode(genome));
            Assert.Equal(genome.Nodes.Select(n => n.Latent), decoded.Nodes.Select(n => n.Latent));
        }
    }

    /// <summary>Sound mutations of sound published genomes, with their parents.</summary>
    private static List<(LossExpression Parent, Mutation Mutation)> Mutations(WiringRules wiring, int count)
    {
        var random = new CheckpointableRandom(11);
        var result = new List<(LossExpression, Mutation)>();
        while (result.Count < count)
        {
            var parent = LossGenerator.DrawValid(GenomeShape.Published, random, wiring: wiring)!;
            if (LossMutator.MutateOnce(parent, random, 1, wiring) is { } m && m.Child.Structure == StructureProblem.None)
                result.Add((parent, m));
        }
        return result;
    }

    [Fact]
    public void TheRootMayBeRewiredOntoALeafOnlyUnderThePublishedWiring()
    {
        static bool RootReadsALeaf(LossExpression e) => e.Nodes[e.Root].Inputs.Any(i => e.Nodes[i].IsLeaf);
        Assert.Contains(Mutations(WiringRules.Published, 3000), m => RootReadsALeaf(m.Mutation.Child));
        Assert.DoesNotContain(Mutations(WiringRules.Ours, 3000), m => RootReadsALeaf(m.Mutation.Child));
    }

    [Fact]
    public void AnArityToggleRestoresTheLatentOperatorAndPlacesInputsEitherWay()
    {
        var toggles = Mutations(WiringRules.Published, 6000).Where(m => m.Mutation.Kind == MutationKind.ToggleArity).ToList();
        int newFirst = 0, newSecond = 0, keptFirst = 0, keptSecond = 0;
        foreach (var (parent, mutation) in toggles)
        {
            var before = parent.Nodes[mutation.Node];
            var after = mutation.Child.Nodes[mutation.Node];
            Assert.Equal(before.Latent, after.Op);
            Assert.Equal(before.Op, after.Latent);
            if (before.Arity == 1)
            {
                Assert.NotEqual(after.A, after.B);
                if (after.B == before.A) newFirst++;
                else if (after.A == before.A) newSecond++;
            }
            else if (after.A == before.A) keptFirst++;
            else if (after.A == before.B) keptSecond++;
        }
        Assert.True(newFirst > 0 && newSecond > 0, $"new input first {newFirst}, second {newSecond}");
        Assert.True(keptFirst > 0 && keptSecond > 0, $"kept first {keptFirst}, second {keptSecond}");

        // Ours draws a fresh operator: it is not always the latent one.
        var ours = Mutations(WiringRules.Ours, 6000).Where(m => m.Mutation.Kind == MutationKind.ToggleArity).ToList();
        Assert.All(ours, m => Assert.Null(m.Mutation.Child.Nodes[m.Mutation.Node].Latent));
        Assert.Contains(ours, m => m.Mutation.Child.Nodes[m.Mutation.Node].Arity == 1 && m.Mutation.Child.Nodes[m.Mutation.Node].A == m.Parent.Nodes[m.Mutation.Node].A);
        Assert.DoesNotContain(ours, m => m.Parent.Nodes[m.Mutation.Node].Arity == 2 && m.Mutation.Child.Nodes[m.Mutation.Node].A == m.Parent.Nodes[m.Mutation.Node].B
            && m.Parent.Nodes[m.Mutation.Node].A != m.Parent.Nodes[m.Mutation.Node].B);
    }
}
