namespace LossSearch.Learning.Losses;

public enum MutationKind
{
    /// <summary>Another operator of the same arity (70%).</summary>
    ChangeOperator,
    /// <summary>One input points to another node (15%, less the swaps).</summary>
    Rewire,
    /// <summary>A binary node's two arguments trade places (20% of the rewires of binary nodes).</summary>
    SwapArguments,
    /// <summary>Unary becomes binary or binary becomes unary (15%).</summary>
    ToggleArity,
}

/// <summary>A child, the mutation that made it, and how many draws it took to find a valid one.</summary>
public sealed record Mutation(LossExpression Child, MutationKind Kind, int Node, string Description, int Attempts);
