namespace LossSearch.Learning.Losses;

/// <summary>
/// The layout of a search genome: the four leaves <c>y</c>, <c>yhat</c>, <c>1</c>, <c>-1</c>
/// (indices 0–3), <see cref="Hidden"/> hidden nodes, then the root. Hidden nodes are unary with
/// probability <see cref="HiddenUnaryProbability"/>; the root with <see cref="RootUnaryProbability"/>.
/// </summary>
public sealed record GenomeShape(int Hidden = 4, double HiddenUnaryProbability = 0.7, double RootUnaryProbability = 0.2)
{
    public const int Leaves = 4;

    /// <summary>The published 9-node shape: 4 leaves, 4 hidden nodes, 1 root.</summary>
    public static readonly GenomeShape Published = new();

    public int NodeCount => Leaves + Hidden + 1;
    public int RootIndex => NodeCount - 1;

    public static IReadOnlyList<LossNode> LeafNodes { get; } = [LossNode.Y, LossNode.Yhat, LossNode.Constant(1), LossNode.Constant(-1)];
}
