using System.Text;

namespace LossSearch.Learning.Losses;

/// <summary>LaTeX for reports: the batch mean of the class sum of the element-wise expression.</summary>
public static class LossLatex
{
    /// <summary>The full loss, e.g. <c>\mathcal{L} = \frac{1}{N}\sum_{n}\sum_{c} …</c>.</summary>
    public static string Render(LossExpression expression)
    {
        string body = RenderElementwise(expression);
        string sign = expression.Flip ? "-" : "";
        return $"\\mathcal{{L}}(y, \\hat{{y}}) = {sign}\\frac{{1}}{{N}}\\sum_{{n=1}}^{{N}}\\sum_{{c}} \\left[ {body} \\right]";
    }

    /// <summary>The element-wise expression alone.</summary>
    public static string RenderElementwise(LossExpression expression)
    {
        var problem = expression.TryEvaluationOrder(out var order);
        if (problem is StructureProblem.Cycle or StructureProblem.DanglingInput)
            return $"\\text{{invalid DAG: {problem}}}";
        var rendered = new Dictionary<int, (string Text, int Precedence)>();
        foreach (int i in order)
            rendered[i] = RenderNode(expression.Nodes[i], rendered);
        return rendered[expression.Root].Text;
    }

    private static (string, int) RenderNode(LossNode node, Dictionary<int, (string Text, int Precedence)> rendered)
    {
        switch (node.Kind)
        {
            case NodeKind.Target: return ("y", Precedence.Atom);
            case NodeKind.Prediction: return ("\\hat{y}", Precedence.Atom);
            case NodeKind.Constant:
                return (LossPrinter.FormatNumber(node.Value), node.Value < 0 ? Precedence.Prefix : Precedence.Atom);
        }
        var op = node.Op!;
        var text = new StringBuilder(op.Latex);
        for (int k = op.Arity - 1; k >= 0; k--)
        {
            var operand = rendered[k == 0 ? node.A : node.B];
            string piece = operand.Precedence < op.LatexOperandMinimum[k] ? $"\\left({operand.Text}\\right)" : operand.Text;
            text.Replace("#" + k, piece);
        }
        return (text.ToString(), op.LatexPrecedence);
    }
}
