namespace LossSearch.Learning.Losses;

/// <summary>
/// A loss as a DAG over <c>y</c> and <c>yhat</c>: nodes, the index of the root, and the
/// <see cref="Flip"/> flag that negates the reduced value. The element-wise value of the root is
/// summed over classes and averaged over the batch. Immutable; nodes not reachable from the root
/// (inactive genes of a search genome) are kept, so that mutation can reactivate them.
/// </summary>
public sealed class LossExpression
{
    public LossExpression(IReadOnlyList<LossNode> nodes, int root, bool flip = false)
    {
        if (root < 0 || root >= nodes.Count)
            throw new ArgumentOutOfRangeException(nameof(root), $"root {root} is not one of the {nodes.Count} nodes");
        Nodes = nodes.ToArray();
        Root = root;
        Flip = flip;
    }

    public IReadOnlyList<LossNode> Nodes { get; }
    public int Root { get; }
    public bool Flip { get; }

    public LossExpression WithFlip(bool flip) => new(Nodes, Root, flip);

    public LossExpression WithNode(int index, LossNode node)
    {
        var nodes = Nodes.ToArray();
        nodes[index] = node;
        return new LossExpression(nodes, Root, Flip);
    }

    /// <summary>
    /// The nodes reachable from the root, inputs before the nodes that read them (root last),
    /// or the structural problem that prevents such an order.
    /// </summary>
    public StructureProblem TryEvaluationOrder(out IReadOnlyList<int> order)
    {
        var result = new List<int>();
        order = result;
        var state = new byte[Nodes.Count]; // 0 unseen, 1 on the stack, 2 done
        // Iterative depth-first search: hand-written expressions may be deep.
        var stack = new Stack<(int Node, int NextInput)>();
        stack.Push((Root, 0));
        state[Root] = 1;
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            var n = Nodes[node];
            if (n.Kind == NodeKind.Operation && (n.Op is null || n.A < 0 || n.Arity == 2 && n.B < 0))
                return StructureProblem.DanglingInput;
            if (next < n.Arity)
            {
                int input = next == 0 ? n.A : n.B;
                stack.Push((node, next + 1));
                if (input < 0 || input >= Nodes.Count)
                    return StructureProblem.DanglingInput;
                if (state[input] == 1)
                    return StructureProblem.Cycle;
                if (state[input] == 0)
                {
                    state[input] = 1;
                    stack.Push((input, 0));
                }
                continue;
            }
            state[node] = 2;
            result.Add(node);
        }
        if (!result.Any(i => Nodes[i].Kind == NodeKind.Target))
            return StructureProblem.IgnoresTarget;
        if (!result.Any(i => Nodes[i].Kind == NodeKind.Prediction))
            return StructureProblem.IgnoresPrediction;
        return StructureProblem.None;
    }

    public StructureProblem Structure => TryEvaluationOrder(out _);

    /// <summary>Operator nodes reachable from the root, in evaluation order (empty when the structure is broken).</summary>
    public IReadOnlyList<int> ActiveOperations =>
        TryEvaluationOrder(out var order) == StructureProblem.None
            ? order.Where(i => Nodes[i].Kind == NodeKind.Operation).ToList()
            : [];

    /// <summary>The canonical text form; see <see cref="LossPrinter"/>.</summary>
    public override string ToString() => LossPrinter.Print(this);
}
