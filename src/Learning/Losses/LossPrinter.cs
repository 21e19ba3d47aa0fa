using System.Globalization;

namespace LossSearch.Learning.Losses;

/// <summary>
/// The canonical text form: the element-wise expression of the active nodes, shared sub-expressions
/// written out at each use (the parser merges equal sub-expressions again), minimal parentheses
/// that keep the tree's grouping, <c>flip: </c> in front when flipped. Equal DAGs print identically.
/// </summary>
public static class LossPrinter
{
    public static string Print(LossExpression expression)
    {
        var problem = expression.TryEvaluationOrder(out var order);
        if (problem is StructureProblem.Cycle or StructureProblem.DanglingInput)
            return $"<invalid DAG: {problem}>";
        var printed = new Dictionary<int, Printed>();
        foreach (int i in order)
            printed[i] = PrintNode(expression.Nodes[i], printed);
        string body = printed[expression.Root].Text;
        return expression.Flip ? "flip: " + body : body;
    }

    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private readonly record struct Printed(string Text, int Precedence, bool BareAtom);

    private static Printed PrintNode(LossNode node, Dictionary<int, Printed> printed)
    {
        switch (node.Kind)
        {
            case NodeKind.Target: return new("y", Precedence.Atom, true);
            case NodeKind.Prediction: return new("yhat", Precedence.Atom, true);
            case NodeKind.Constant:
                return new(FormatNumber(node.Value), node.Value < 0 || double.IsNegative(node.Value) ? Precedence.Prefix : Precedence.Atom, false);
        }
        var op = node.Op!;
        var a = printed[node.A];
        switch (op.Notation)
        {
            case TextNotation.Prefix:
                return new(op.Symbol + (a.BareAtom ? a.Text : $"({a.Text})"), Precedence.Prefix, false);
            case TextNotation.Infix:
                var b = printed[node.B];
                string left = a.Precedence < op.TextPrecedence ? $"({a.Text})" : a.Text;
                string right = b.Precedence <= op.TextPrecedence ? $"({b.Text})" : b.Text;
                return new($"{left} {op.Symbol} {right}", op.TextPrecedence, false);
            default:
                string args = op.Arity == 1 ? a.Text : $"{a.Text}, {printed[node.B].Text}";
                return new($"{op.Name}({args})", Precedence.Atom, true);
        }
    }
}
