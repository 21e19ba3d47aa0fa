using static TorchSharp.torch;

namespace LossSearch.Learning.Losses;

/// <summary>How an operator is written in the text form.</summary>
public enum TextNotation
{
    /// <summary><c>name(a)</c> or <c>name(a, b)</c>.</summary>
    Function,
    /// <summary><c>-a</c>.</summary>
    Prefix,
    /// <summary><c>a + b</c>, with the symbol and precedence of the operator.</summary>
    Infix,
}

/// <summary>Binding strength of a printed sub-expression; higher binds tighter.</summary>
public static class Precedence
{
    public const int Additive = 1;
    public const int Multiplicative = 2;
    public const int Prefix = 3;
    public const int Atom = 4;
}

/// <summary>
/// One element-wise operator of the search space: the single source of its name, arity, TorchSharp
/// implementation, text form and LaTeX form. LaTeX templates use <c>#0</c> and <c>#1</c> for the
/// operands; an operand whose precedence is below <see cref="LatexOperandMinimum"/> is parenthesised.
/// </summary>
public sealed class Operator
{
    private readonly Func<Tensor, Tensor>? _unary;
    private readonly Func<Tensor, Tensor, Tensor>? _binary;

    /// <summary>A unary operator.</summary>
    public Operator(string name, string description, Func<Tensor, Tensor> apply)
    {
        Name = name;
        Description = description;
        _unary = apply;
    }

    /// <summary>A binary operator.</summary>
    public Operator(string name, string description, Func<Tensor, Tensor, Tensor> apply)
    {
        Name = name;
        Description = description;
        _binary = apply;
    }

    public string Name { get; }
    /// <summary>The mathematical definition, e.g. <c>ln(|x|+ε)</c>.</summary>
    public string Description { get; }
    public int Arity => _unary is null ? 2 : 1;

    public TextNotation Notation { get; init; } = TextNotation.Function;
    /// <summary>The symbol for prefix and infix notation (<c>-</c>, <c>+</c>, <c>*</c>, …).</summary>
    public string Symbol { get; init; } = "";
    /// <summary>Precedence of an infix operator's result in the text form.</summary>
    public int TextPrecedence { get; init; } = Precedence.Atom;

    public string Latex { get; init; } = "";
    public int LatexPrecedence { get; init; } = Precedence.Atom;
    /// <summary>Minimum precedence of each operand to appear without parentheses in <see cref="Latex"/>.</summary>
    public int[] LatexOperandMinimum { get; init; } = [0, 0];

    public Tensor Apply(Tensor a) =>
        _unary?.Invoke(a) ?? throw new InvalidOperationException($"{Name} takes two operands.");

    public Tensor Apply(Tensor a, Tensor b) =>
        _binary?.Invoke(a, b) ?? throw new InvalidOperationException($"{Name} takes one operand.");

    public override string ToString() => Name;
}
