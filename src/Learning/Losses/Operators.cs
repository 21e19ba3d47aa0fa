using static TorchSharp.torch;

namespace LossSearch.Learning.Losses;

/// <summary>
/// The operator table of the search space (27 unary, 7 binary, as published). Adding an operator
/// is one entry in <see cref="All"/>.
/// </summary>
public static class Operators
{
    /// <summary>The ε of the protected operators.</summary>
    public const double Epsilon = 1e-7;

    private static Operator Fn(string name, string description, string latex, Func<Tensor, Tensor> apply) =>
        new Operator(name, description, apply) { Latex = latex };

    private static Operator Fn2(string name, string description, string latex, Func<Tensor, Tensor, Tensor> apply) =>
        new Operator(name, description, apply) { Latex = latex };

    private static Operator Infix(string name, string symbol, int precedence, string latex, int[] operandMinimum, Func<Tensor, Tensor, Tensor> apply) =>
        new Operator(name, $"a {symbol} b", apply)
        {
            Notation = TextNotation.Infix, Symbol = symbol, TextPrecedence = precedence,
            Latex = latex, LatexPrecedence = precedence, LatexOperandMinimum = operandMinimum,
        };

    public static readonly Operator Neg = new Operator("neg", "−x", x => x.neg())
    {
        Notation = TextNotation.Prefix, Symbol = "-", TextPrecedence = Precedence.Prefix,
        Latex = "-#0", LatexPrecedence = Precedence.Prefix, LatexOperandMinimum = [Precedence.Atom],
    };

    public static readonly Operator Add = Infix("add", "+", Precedence.Additive, "#0 + #1", [Precedence.Additive, Precedence.Additive], (a, b) => a + b);
    public static readonly Operator Sub = Infix("sub", "-", Precedence.Additive, "#0 - #1", [Precedence.Additive, Precedence.Multiplicative], (a, b) => a - b);
    public static readonly Operator Mul = Infix("mul", "*", Precedence.Multiplicative, "#0 \\cdot #1", [Precedence.Multiplicative, Precedence.Multiplicative], (a, b) => a * b);
    public static readonly Operator Div = new Operator("div", "a/(b+ε)", (a, b) => a / (b + Epsilon))
    {
        Notation = TextNotation.Infix, Symbol = "/", TextPrecedence = Precedence.Multiplicative,
        Latex = "\\frac{#0}{#1 + \\epsilon}", LatexPrecedence = Precedence.Atom, LatexOperandMinimum = [0, Precedence.Additive],
    };

    public static readonly Operator Log = Fn("log", "ln(|x|+ε)", "\\ln\\left(\\lvert #0 \\rvert + \\epsilon\\right)", x => (x.abs() + Epsilon).log());

    public static readonly IReadOnlyList<Operator> All =
    [
        Neg,
        Log,
        Fn("log10", "log10(|x|+ε)", "\\log_{10}\\left(\\lvert #0 \\rvert + \\epsilon\\right)", x => (x.abs() + Epsilon).log10()),
        // A power binds like a prefix in LaTeX so that squaring it adds parentheses instead of a second superscript.
        new Operator("exp", "eˣ", x => x.exp()) { Latex = "e^{#0}", LatexPrecedence = Precedence.Prefix },
        Fn("abs", "|x|", "\\left\\lvert #0 \\right\\rvert", x => x.abs()),
        Fn("sigmoid", "σ(x)", "\\sigma\\left(#0\\right)", x => x.sigmoid()),
        Fn("inv1pabs", "1/(1+|x|)", "\\frac{1}{1 + \\lvert #0 \\rvert}", x => (x.abs() + 1).reciprocal()),
        // ln(1+eˣ+ε) = softplus(x) + ln(1 + ε·σ(−x)): the same value without overflow for large x.
        Fn("softplus", "ln(|1+eˣ|+ε)", "\\ln\\left(\\lvert 1 + e^{#0} \\rvert + \\epsilon\\right)",
            x => nn.functional.softplus(x) + (x.neg().sigmoid() * Epsilon).log1p()),
        Fn("erf", "erf(x)", "\\operatorname{erf}\\left(#0\\right)", x => special.erf(x)),
        Fn("erfc", "erfc(x)", "\\operatorname{erfc}\\left(#0\\right)", x => special.erfc(x)),
        Fn("sin", "sin(x)", "\\sin\\left(#0\\right)", x => x.sin()),
        Fn("sinh", "sinh(x)", "\\sinh\\left(#0\\right)", x => x.sinh()),
        Fn("asinh", "asinh(x)", "\\operatorname{arsinh}\\left(#0\\right)", x => x.asinh()),
        Fn("tanh", "tanh(x)", "\\tanh\\left(#0\\right)", x => x.tanh()),
        Fn("atan", "atan(x)", "\\arctan\\left(#0\\right)", x => x.atan()),
        Fn("recip", "1/(x+ε)", "\\frac{1}{#0 + \\epsilon}", x => (x + Epsilon).reciprocal()),
        Fn("bessel_i0", "I0(x)", "I_{0}\\left(#0\\right)", x => special.i0(x)),
        Fn("bessel_i0e", "I0e(x)", "I_{0}^{e}\\left(#0\\right)", x => special.i0e(x)),
        Fn("bessel_i1", "I1(x)", "I_{1}\\left(#0\\right)", x => special.i1(x)),
        Fn("bessel_i1e", "I1e(x)", "I_{1}^{e}\\left(#0\\right)", x => special.i1e(x)),
        Fn("relu", "max(x,0)", "\\max\\left(#0, 0\\right)", x => x.clamp_min(0)),
        Fn("negrelu", "min(x,0)", "\\min\\left(#0, 0\\right)", x => x.clamp_max(0)),
        new Operator("square", "x²", x => x.square()) { Latex = "#0^{2}", LatexPrecedence = Precedence.Prefix, LatexOperandMinimum = [Precedence.Atom] },
        Fn("sqrt", "√|x|", "\\sqrt{\\lvert #0 \\rvert}", x => x.abs().sqrt()),
        Fn("softsign", "x/(1+|x|)", "\\frac{#0}{1 + \\lvert #0 \\rvert}", x => x / (x.abs() + 1)),
        new Operator("dtanh", "1−tanh²(x)", x => 1 - x.tanh().square())
            { Latex = "1 - \\tanh^{2}\\left(#0\\right)", LatexPrecedence = Precedence.Additive },
        new Operator("dsigmoid", "σ(x)(1−σ(x))", x => { var s = x.sigmoid(); return s * (1 - s); })
            { Latex = "\\sigma\\left(#0\\right)\\left(1 - \\sigma\\left(#0\\right)\\right)", LatexPrecedence = Precedence.Multiplicative },
        Add,
        Sub,
        Mul,
        Fn2("max", "max(a,b)", "\\max\\left(#0, #1\\right)", (a, b) => a.maximum(b)),
        Fn2("min", "min(a,b)", "\\min\\left(#0, #1\\right)", (a, b) => a.minimum(b)),
        Div,
        Fn2("aq", "a/√(1+b²)", "\\frac{#0}{\\sqrt{1 + \\left(#1\\right)^{2}}}", (a, b) => a / (b.square() + 1).sqrt()),
    ];

    public static readonly IReadOnlyList<Operator> UnaryOperators = All.Where(o => o.Arity == 1).ToList();
    public static readonly IReadOnlyList<Operator> BinaryOperators = All.Where(o => o.Arity == 2).ToList();

    private static readonly Dictionary<string, Operator> ByName = All.ToDictionary(o => o.Name, StringComparer.Ordinal);

    public static Operator? Find(string name) => ByName.GetValueOrDefault(name);
}
