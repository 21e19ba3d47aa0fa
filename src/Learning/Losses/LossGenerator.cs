namespace LossSearch.Learning.Losses;

/// <summary>Random loss genomes as published; deterministic given the generator's state.</summary>
public static class LossGenerator
{
    public const int DefaultMaxAttempts = 2500;

    /// <summary>One random genome; it may have a cycle or ignore y or yhat (see <see cref="LossExpression.Structure"/>).</summary>
    public static LossExpression Draw(GenomeShape shape, CheckpointableRandom random, WiringRules wiring = WiringRules.Ours)
    {
        var nodes = new List<LossNode>(GenomeShape.LeafNodes);
        // Placeholders so that wiring sees the final node count; every one is replaced below.
        for (int i = GenomeShape.Leaves; i < shape.NodeCount; i++)
            nodes.Add(LossNode.Unary(Operators.Neg, 0));
        var draft = new LossExpression(nodes, shape.RootIndex);
        for (int i = GenomeShape.Leaves; i < shape.NodeCount; i++)
        {
            double unaryProbability = i == shape.RootIndex ? shape.RootUnaryProbability : shape.HiddenUnaryProbability;
            var choices = Wiring.InputChoices(draft, i);
            nodes[i] = wiring == WiringRules.Published
                ? DrawPublishedNode(unaryProbability, choices, random)
                : random.Chance(unaryProbability)
                    ? LossNode.Unary(random.Pick(Operators.UnaryOperators), random.Pick(choices))
                    : LossNode.Binary(random.Pick(Operators.BinaryOperators), random.Pick(choices), random.Pick(choices));
        }
        return new LossExpression(nodes, shape.RootIndex);
    }

    /// <summary>
    /// Draws until a genome has a sound structure and passes <paramref name="accept"/> (for example
    /// the integrity check), at most <paramref name="maxAttempts"/> times; null when none did.
    /// </summary>
    public static LossExpression? DrawValid(GenomeShape shape, CheckpointableRandom random,
        Func<LossExpression, bool>? accept = null, int maxAttempts = DefaultMaxAttempts, WiringRules wiring = WiringRules.Ours)
    {
        for (int attempt = 0; attempt < maxAttempts; attempt++)
        {
            var candidate = Draw(shape, random, wiring);
            if (candidate.Structure == StructureProblem.None && (accept is null || accept(candidate)))
                return candidate;
        }
        return null;
    }

    /// <summary>The predecessor's node: a unary and a binary operator at once, the arity drawn, two distinct inputs when binary.</summary>
    private static LossNode DrawPublishedNode(double unaryProbability, IReadOnlyList<int> choices, CheckpointableRandom random)
    {
        bool unary = random.Chance(unaryProbability);
        var unaryOp = random.Pick(Operators.UnaryOperators);
        var binaryOp = random.Pick(Operators.BinaryOperators);
        int first = random.Pick(choices);
        // A genome smaller than the published one may leave a binary root no second input.
        if (unary || choices.Count < 2) return LossNode.Unary(unaryOp, first) with { Latent = binaryOp };
        int second = random.Pick(choices.Where(c => c != first).ToList());
        return LossNode.Binary(binaryOp, first, second) with { Latent = unaryOp };
    }
}
