namespace LossSearch.Learning.Losses;

/// <summary>
/// Mutation as published: on one random active operator node, change the operator within its
/// arity (70%), rewire an input (15%; for a binary node a fifth of those swap the arguments, else
/// the first or second input 50/50), or toggle the node between unary and binary (15%).
/// </summary>
public static class LossMutator
{
    public const double ChangeOperatorProbability = 0.70;
    public const double RewireProbability = 0.15;
    public const double SwapProbability = 0.20;

    /// <summary>
    /// Mutates <paramref name="parent"/> until the child has a sound structure and passes
    /// <paramref name="accept"/>, at most <paramref name="maxAttempts"/> draws; null when none did.
    /// </summary>
    public static Mutation? Mutate(LossExpression parent, CheckpointableRandom random,
        Func<LossExpression, bool>? accept = null, int maxAttempts = LossGenerator.DefaultMaxAttempts)
    {
        for (int attempt = 1; attempt <= maxAttempts; attempt++)
        {
            var mutation = MutateOnce(parent, random, attempt);
            if (mutation is not null && mutation.Child.Structure == StructureProblem.None && (accept is null || accept(mutation.Child)))
                return mutation;
        }
        return null;
    }

    /// <summary>One mutation draw; the child may be structurally unsound. Null when the draw changes nothing.</summary>
    public static Mutation? MutateOnce(LossExpression parent, CheckpointableRandom random, int attempt = 1, WiringRules wiring = WiringRules.Ours)
    {
        var active = parent.ActiveOperations;
        if (active.Count == 0)
            return null;
        int index = random.Pick(active);
        var node = parent.Nodes[index];
        var choices = wiring == WiringRules.Published ? PublishedRewireTargets(parent, node) : Wiring.InputChoices(parent, index);
        double roll = random.NextDouble();

        if (roll < ChangeOperatorProbability)
        {
            var pool = node.Arity == 1 ? Operators.UnaryOperators : Operators.BinaryOperators;
            var op = random.Pick(pool.Where(o => o != node.Op).ToList());
            return Make(parent, index, node with { Op = op }, MutationKind.ChangeOperator, attempt,
                $"node {index}: operator {node.Op!.Name} → {op.Name}");
        }
        if (roll < ChangeOperatorProbability + RewireProbability)
        {
            if (node.Arity == 2 && random.Chance(SwapProbability))
                return Make(parent, index, node with { A = node.B, B = node.A }, MutationKind.SwapArguments, attempt,
                    $"node {index}: {node.Op!.Name} arguments swapped");
            bool second = node.Arity == 2 && random.Chance(0.5);
            int current = second ? node.B : node.A;
            var alternatives = choices.Where(c => c != current).ToList();
            if (alternatives.Count == 0)
                return null;
            int input = random.Pick(alternatives);
            return Make(parent, index, second ? node with { B = input } : node with { A = input }, MutationKind.Rewire, attempt,
                $"node {index}: {(second ? "second" : "first")} input of {node.Op!.Name} rewired {current} → {input}");
        }
        if (wiring == WiringRules.Published)
            return ToggleKeepingLatent(parent, index, node, choices, random, attempt);
        if (node.Arity == 1)
        {
            var op = random.Pick(Operators.BinaryOperators);
            int input = random.Pick(choices);
            return Make(parent, index, LossNode.Binary(op, node.A, input), MutationKind.ToggleArity, attempt,
                $"node {index}: unary {node.Op!.Name}({node.A}) → binary {op.Name}({node.A}, {input})");
        }
        var unary = random.Pick(Operators.UnaryOperators);
        return Make(parent, index, LossNode.Unary(unary, node.A), MutationKind.ToggleArity, attempt,
            $"node {index}: binary {node.Op!.Name}({node.A}, {node.B}) → unary {unary.Name}({node.A})");
    }

    private static Mutation Make(LossExpression parent, int index, LossNode node, MutationKind kind, int attempt, string description) =>
        new(parent.WithNode(index, node), kind, index, description, attempt);

    /// <summary>The predecessor's rewire targets: every node that is not already an input of this one (itself and the root included; cycles are rejected later).</summary>
    private static IReadOnlyList<int> PublishedRewireTargets(LossExpression parent, LossNode node) =>
        Enumerable.Range(0, parent.Nodes.Count).Where(i => !node.Inputs.Contains(i)).ToList();

    /// <summary>Unary ↔ binary as the predecessor: the node's latent operator of the other arity comes back (drawn when it has none).</summary>
    private static Mutation? ToggleKeepingLatent(LossExpression parent, int index, LossNode node, IReadOnlyList<int> choices, CheckpointableRandom random, int attempt)
    {
        if (node.Arity == 1)
        {
            if (choices.Count == 0) return null;
            var op = node.Latent is { Arity: 2 } latent ? latent : random.Pick(Operators.BinaryOperators);
            int input = random.Pick(choices);
            bool newFirst = random.Chance(0.5);
            var binary = (newFirst ? LossNode.Binary(op, input, node.A) : LossNode.Binary(op, node.A, input)) with { Latent = node.Op };
            return Make(parent, index, binary, MutationKind.ToggleArity, attempt,
                $"node {index}: unary {node.Op!.Name}({node.A}) → binary {op.Name}({binary.A}, {binary.B})");
        }
        var unaryOp = node.Latent is { Arity: 1 } kept ? kept : random.Pick(Operators.UnaryOperators);
        int keptInput = random.Chance(0.5) ? node.A : node.B;
        var unary = LossNode.Unary(unaryOp, keptInput) with { Latent = node.Op };
        return Make(parent, index, unary, MutationKind.ToggleArity, attempt,
            $"node {index}: binary {node.Op!.Name}({node.A}, {node.B}) → unary {unaryOp.Name}({keptInput})");
    }
}
