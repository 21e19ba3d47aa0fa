using System.Globalization;

namespace LossSearch.Learning.Losses;

/// <summary>
/// Every node of a genome as one line of text, inactive ones included, for checkpoints that must
/// resume a search exactly: <c>y;yhat;1;-1;log:1;mul:0,4;…|root=8|flip=0</c>. A node's latent
/// operator of the other arity (published wiring) follows a tilde: <c>log:1~mul</c>.
/// </summary>
public static class GenomeCodec
{
    public static string Encode(LossExpression expression)
    {
        var nodes = expression.Nodes.Select(n => n.Kind switch
        {
            NodeKind.Target => "y",
            NodeKind.Prediction => "yhat",
            NodeKind.Constant => LossPrinter.FormatNumber(n.Value),
            _ => (n.Arity == 1 ? $"{n.Op!.Name}:{n.A}" : $"{n.Op!.Name}:{n.A},{n.B}") + (n.Latent is null ? "" : $"~{n.Latent.Name}"),
        });
        return $"{string.Join(";", nodes)}|root={expression.Root}|flip={(expression.Flip ? 1 : 0)}";
    }

    public static LossExpression Decode(string text)
    {
        var parts = text.Split('|');
        if (parts.Length != 3 || !parts[1].StartsWith("root=", StringComparison.Ordinal) || !parts[2].StartsWith("flip=", StringComparison.Ordinal))
            throw new InvalidInputException($"genome '{text}': expected 'nodes|root=R|flip=F'");
        var fields = parts[0].Split(';');
        var nodes = new List<LossNode>(fields.Length);
        for (int i = 0; i < fields.Length; i++)
            nodes.Add(DecodeNode(fields[i], i, fields.Length, text));
        if (!int.TryParse(parts[1].AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int root) || root >= nodes.Count)
            throw new InvalidInputException($"genome '{text}': root '{parts[1][5..]}' is not a node index below {nodes.Count}");
        bool flip = parts[2][5..] switch
        {
            "0" => false,
            "1" => true,
            var other => throw new InvalidInputException($"genome '{text}': flip '{other}' is neither 0 nor 1"),
        };
        return new LossExpression(nodes, root, flip);
    }

    private static LossNode DecodeNode(string field, int index, int count, string text)
    {
        switch (field)
        {
            case "y": return LossNode.Y;
            case "yhat": return LossNode.Yhat;
        }
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
            return LossNode.Constant(value);
        Operator? latent = null;
        int tilde = field.IndexOf('~');
        if (tilde > 0)
        {
            latent = Operators.Find(field[(tilde + 1)..])
                ?? throw new InvalidInputException($"genome '{text}': node {index} latent operator '{field[(tilde + 1)..]}' is unknown");
            field = field[..tilde];
        }
        int colon = field.IndexOf(':');
        var op = colon > 0 ? Operators.Find(field[..colon]) : null;
        if (op is null)
            throw new InvalidInputException($"genome '{text}': node {index} '{field}' is not y, yhat, a number or operator:inputs");
        var inputs = field[(colon + 1)..].Split(',');
        var indices = new int[inputs.Length];
        for (int k = 0; k < inputs.Length; k++)
            if (!int.TryParse(inputs[k], NumberStyles.None, CultureInfo.InvariantCulture, out indices[k]) || indices[k] >= count)
                throw new InvalidInputException($"genome '{text}': node {index} input '{inputs[k]}' is not a node index below {count}");
        if (indices.Length != op.Arity)
            throw new InvalidInputException($"genome '{text}': node {index} '{op.Name}' needs {op.Arity} input(s), has {indices.Length}");
        var node = op.Arity == 1 ? LossNode.Unary(op, indices[0]) : LossNode.Binary(op, indices[0], indices[1]);
        return node with { Latent = latent };
    }
}
