using System.Globalization;

namespace LossSearch.Learning.Losses;

public enum NodeKind
{
    /// <summary>The target distribution <c>y</c>.</summary>
    Target,
    /// <summary>The softmax output <c>yhat</c>.</summary>
    Prediction,
    Constant,
    Operation,
}

/// <summary>
/// A node of a loss DAG: a leaf (<c>y</c>, <c>yhat</c>, a constant) or an operator applied to
/// earlier-or-later nodes by index (<see cref="A"/>, and <see cref="B"/> for binary operators).
/// </summary>
public sealed record LossNode(NodeKind Kind, Operator? Op = null, int A = -1, int B = -1, double Value = 0)
{
    public static readonly LossNode Y = new(NodeKind.Target);
    public static readonly LossNode Yhat = new(NodeKind.Prediction);

    public static LossNode Constant(double value) => new(NodeKind.Constant, Value: value);
    public static LossNode Unary(Operator op, int input) => new(NodeKind.Operation, op, input);
    public static LossNode Binary(Operator op, int left, int right) => new(NodeKind.Operation, op, left, right);

    /// <summary>
    /// The operator of the other arity this node keeps for an arity toggle under the published
    /// wiring (the predecessor's nodes hold a unary and a binary operator at once); null when none.
    /// It is part of the genome, not of the loss.
    /// </summary>
    public Operator? Latent { get; init; }

    public bool IsLeaf => Kind != NodeKind.Operation;
    public int Arity => Op?.Arity ?? 0;

    /// <summary>Indices of the inputs this node reads (none for leaves).</summary>
    public IEnumerable<int> Inputs => Arity switch
    {
        1 => [A],
        2 => [A, B],
        _ => [],
    };

    public override string ToString() => Kind switch
    {
        NodeKind.Target => "y",
        NodeKind.Prediction => "yhat",
        NodeKind.Constant => Value.ToString("R", CultureInfo.InvariantCulture),
        _ => Arity == 1 ? $"{Op!.Name}({A})" : $"{Op!.Name}({A}, {B})",
    };
}
