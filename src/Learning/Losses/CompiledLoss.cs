using static TorchSharp.torch;

namespace LossSearch.Learning.Losses;

/// <summary>
/// A loss DAG ready to run on tensors: the active nodes in evaluation order, each evaluated once
/// per call. Inputs may be float64, float32, or half/bfloat16 (computed in float32, returned in
/// the input dtype), on any device; autograd flows to both inputs.
/// </summary>
public sealed class CompiledLoss
{
    private readonly LossNode[] _nodes;
    private readonly int[] _order;
    private readonly int _root;
    private readonly Dictionary<(TorchSharp.DeviceType, int, ScalarType), Tensor[]> _constants = [];

    internal CompiledLoss(LossExpression expression, IReadOnlyList<int> order)
    {
        Expression = expression;
        _nodes = expression.Nodes.ToArray();
        _order = order.ToArray();
        _root = expression.Root;
    }

    public LossExpression Expression { get; }

    /// <summary>The reduced loss: class sum, batch mean, negated when flipped. A scalar.</summary>
    public Tensor Reduced(Tensor y, Tensor yhat)
    {
        using var scope = NewDisposeScope();
        var reduced = Evaluate(y, yhat).sum(1).mean();
        return As(reduced, yhat.dtype).MoveToOuterDisposeScope();
    }

    /// <summary>The loss of each row (class sum, negated when flipped), shaped [batch].</summary>
    public Tensor PerSample(Tensor y, Tensor yhat)
    {
        using var scope = NewDisposeScope();
        return As(Evaluate(y, yhat).sum(1), yhat.dtype).MoveToOuterDisposeScope();
    }

    public LossFunction AsLossFunction() => Reduced;

    private Tensor Evaluate(Tensor y, Tensor yhat)
    {
        if (y.dim() != 2 || !y.shape.SequenceEqual(yhat.shape))
            throw new InvalidInputException(
                $"loss inputs: y and yhat must both be [batch, classes]; got y [{string.Join(", ", y.shape)}] and yhat [{string.Join(", ", yhat.shape)}]");
        var dtype = ComputeType(yhat.dtype);
        var constants = ConstantsFor(yhat.device, dtype);
        var values = new Tensor[_nodes.Length];
        foreach (int i in _order)
        {
            var node = _nodes[i];
            values[i] = node.Kind switch
            {
                NodeKind.Target => As(y, dtype),
                NodeKind.Prediction => As(yhat, dtype),
                NodeKind.Constant => constants[i],
                _ => node.Arity == 1 ? node.Op!.Apply(values[node.A]) : node.Op!.Apply(values[node.A], values[node.B]),
            };
        }
        var elementwise = values[_root];
        return Expression.Flip ? elementwise.neg() : elementwise;
    }

    /// <summary>
    /// The literal numbers as 0-dim tensors on <paramref name="device"/>, built on first use there and kept for
    /// the life of this loss (outside every dispose scope), so that a call creates no constant tensors.
    /// </summary>
    private Tensor[] ConstantsFor(Device device, ScalarType dtype)
    {
        var key = (device.type, device.index, dtype);
        lock (_constants)
        {
            if (_constants.TryGetValue(key, out var built)) return built;
            built = new Tensor[_nodes.Length];
            for (int i = 0; i < _nodes.Length; i++)
                if (_nodes[i].Kind == NodeKind.Constant)
                    built[i] = tensor(_nodes[i].Value, dtype: dtype, device: device).DetachFromDisposeScope();
            _constants[key] = built;
            return built;
        }
    }

    /// <summary>Converts only when needed, so that a caller's tensor is never registered in our dispose scope.</summary>
    private static Tensor As(Tensor t, ScalarType dtype) => t.dtype == dtype ? t : t.to_type(dtype);

    private static ScalarType ComputeType(ScalarType input) =>
        input is ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32;
}
