using LossSearch.Learning.Losses;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Losses;

public class ParserTests
{
    [Theory]
    [InlineData("", 1, "end of the expression")]
    [InlineData("   ", 4, "end of the expression")]
    [InlineData("log(yhat", 9, "')'")]
    [InlineData("(y * yhat", 10, "')' to close the '(' at position 1")]
    [InlineData("y * yhat)", 9, "end of the expression")]
    [InlineData("foo(y)", 1, "unknown function 'foo'")]
    [InlineData("y * bar", 5, "unknown name 'bar'")]
    [InlineData("log(y, yhat)", 1, "'log' with 1 argument")]
    [InlineData("y * max(yhat)", 5, "'max' with 2 arguments")]
    [InlineData("y +", 4, "y, yhat, a number")]
    [InlineData("y yhat", 3, "an operator")]
    [InlineData("log yhat", 5, "'(' after the function name 'log'")]
    [InlineData("y * 1e999", 5, "a finite number")]
    [InlineData("y * )", 5, "y, yhat, a number")]
    [InlineData("flip y", 1, "unknown name 'flip'")]
    [InlineData("y * yhat $", 10, "found '$'")]
    public void ErrorsNameThePositionAndWhatWasExpected(string text, int position, string fragment)
    {
        Assert.False(LossParser.TryParse(text, out var expression, out var error));
        Assert.Null(expression);
        Assert.Equal(position, error!.Position);
        Assert.Contains(fragment, error.Message);
        var e = Assert.Throws<LossSyntaxException>(() => LossParser.Parse(text));
        Assert.IsAssignableFrom<InvalidInputException>(e);
        Assert.Contains($"position {position}", e.Message);
    }

    [Fact]
    public void DeepNestingIsAnErrorNotACrash()
    {
        // Deeper than MaxDepth (200) yet within MaxLength.
        string deep = new string('(', 1000) + "y" + new string(')', 1000);
        Assert.False(LossParser.TryParse(deep, out _, out var error));
        Assert.Contains("nested", error!.Expected);
        string negations = new string('-', 1000) + "y";
        Assert.False(LossParser.TryParse(negations, out _, out _));
    }

    [Fact]
    public void LongFlatChainsParse()
    {
        // Far more terms than MaxDepth, within MaxLength.
        string chain = string.Join(" + ", Enumerable.Repeat("y * yhat", 350));
        Assert.True(LossParser.TryParse(chain, out var expression, out _));
        Assert.Equal(StructureProblem.None, expression!.Structure);
    }

    [Fact]
    public void RandomGarbageNeverThrows()
    {
        const string alphabet = "yhat()+-*/,.:0123456789e flipogmxq$";
        var random = new Random(11);
        for (int i = 0; i < 5000; i++)
        {
            var chars = new char[random.Next(0, 30)];
            for (int k = 0; k < chars.Length; k++)
                chars[k] = alphabet[random.Next(alphabet.Length)];
            string text = new(chars);
            bool ok = LossParser.TryParse(text, out var expression, out var error);
            Assert.True(ok ? expression is not null && error is null : expression is null && error is not null, text);
            if (ok)
                _ = expression!.ToString();
        }
    }

    [Theory]
    [InlineData("y - yhat - 1", 0.3, 0.6, 0.3 - 0.6 - 1)]
    [InlineData("y - (yhat - 1)", 0.3, 0.6, 0.3 - (0.6 - 1))]
    [InlineData("y / yhat / 2", 0.3, 0.6, 0.3 / (0.6 + 1e-7) / (2 + 1e-7))]
    [InlineData("y + yhat * 2", 0.3, 0.6, 0.3 + 0.6 * 2)]
    [InlineData("-y * yhat", 0.3, 0.6, -0.3 * 0.6)]
    [InlineData("-2 * y + -yhat", 0.3, 0.6, -2 * 0.3 - 0.6)]
    [InlineData("y - -1 * yhat", 0.3, 0.6, 0.3 + 0.6)]
    [InlineData("neg(y) + 1.5e-1 * yhat", 0.3, 0.6, -0.3 + 0.15 * 0.6)]
    [InlineData("flip: y * yhat", 0.3, 0.6, -(0.3 * 0.6))]
    public void PrecedenceAndAssociativityFollowArithmetic(string text, double y, double yhat, double expected)
    {
        using var scope = NewDisposeScope();
        var loss = LossCatalog.Compile(text);
        double value = loss(tensor(new[,] { { y } }, dtype: ScalarType.Float64), tensor(new[,] { { yhat } }, dtype: ScalarType.Float64)).item<double>();
        Assert.Equal(expected, value, 12);
    }

    [Theory]
    [InlineData("-(y*log(yhat))", "-(y * log(yhat))")]
    [InlineData("y - (yhat - 1)", "y - (yhat - 1)")]
    [InlineData("(y - yhat) - 1", "y - yhat - 1")]
    [InlineData("y * (yhat * 2)", "y * (yhat * 2)")]
    [InlineData("  flip :  y*yhat ", "flip: y * yhat")]
    [InlineData("neg(1) + y * yhat", "-(1) + y * yhat")]
    [InlineData("-1 * y + yhat", "-1 * y + yhat")]
    [InlineData("y - -1 * yhat", "y - -1 * yhat")]
    [InlineData("max(y, yhat) / aq(y, yhat)", "max(y, yhat) / aq(y, yhat)")]
    public void PrintsCanonicalText(string text, string canonical)
    {
        Assert.Equal(canonical, LossParser.Parse(text).ToString());
        Assert.Equal(canonical, LossParser.Parse(canonical).ToString());
    }

    [Fact]
    public void EqualSubExpressionsBecomeOneNode()
    {
        var expression = LossParser.Parse("log(yhat) * log(yhat) + y");
        Assert.Equal(5, expression.Nodes.Count); // yhat, log, mul, y, add
        Assert.Single(expression.Nodes, n => n.Op?.Name == "log");
    }

    [Theory]
    [InlineData("log(yhat)", "never uses y")]
    [InlineData("1 + y", "never uses yhat")]
    public void ResolveRejectsLossesThatIgnoreAnInput(string text, string fragment)
    {
        var e = Assert.Throws<InvalidInputException>(() => LossCatalog.Resolve(text));
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void NamesResolveToTheirExpressions()
    {
        Assert.Equal("-(y * log(yhat))", LossCatalog.Resolve("cross-entropy").ToString());
        Assert.Equal(LossCatalog.Named.Count, LossCatalog.Named.Keys.Select(LossCatalog.Resolve).Select(e => e.ToString()).Distinct().Count());
    }

    [Fact]
    public void LatexUsesTheOperatorForms()
    {
        string latex = LossLatex.Render(LossCatalog.Resolve("flip: -(y * log(yhat)) + square(exp(yhat))"));
        Assert.Contains("\\ln\\left(\\lvert \\hat{y} \\rvert + \\epsilon\\right)", latex);
        Assert.Contains("\\left(e^{\\hat{y}}\\right)^{2}", latex);
        Assert.StartsWith("\\mathcal{L}(y, \\hat{y}) = -\\frac{1}{N}", latex);
    }
}
