using LossSearch.Learning.Losses;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Losses;

public class OperatorTests
{
    // Away from every operator's kink (0) and pole (−ε).
    private static readonly double[] Points = [-2.3, -1.1, -0.4, 0.3, 0.9, 1.7, 2.6];
    private static readonly double[] Others = [0.8, 2.1, -1.7, -0.6, 1.3, -2.2, 0.45];
    private const double H = 1e-6;

    public static TheoryData<string> UnaryNames => new(Operators.UnaryOperators.Select(o => o.Name));
    public static TheoryData<string> BinaryNames => new(Operators.BinaryOperators.Select(o => o.Name));

    [Fact]
    public void TableHasThePublished27UnaryAnd7BinaryOperatorsEachWithAReference()
    {
        Assert.Equal(27, Operators.UnaryOperators.Count);
        Assert.Equal(7, Operators.BinaryOperators.Count);
        Assert.Equal(Operators.All.Count, Operators.All.Select(o => o.Name).Distinct().Count());
        Assert.All(Operators.UnaryOperators, o => Assert.True(ReferenceMath.Unary.ContainsKey(o.Name), o.Name));
        Assert.All(Operators.BinaryOperators, o => Assert.True(ReferenceMath.Binary.ContainsKey(o.Name), o.Name));
        Assert.Equal(1e-7, Operators.Epsilon);
    }

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void UnaryValueAndGradientMatchFloat64ReferenceAndFiniteDifferences(string name)
    {
        var op = Operators.Find(name)!;
        var reference = ReferenceMath.Unary[name];
        using var scope = NewDisposeScope();
        var x = tensor(Points, dtype: ScalarType.Float64).requires_grad_(true);
        var value = op.Apply(x);
        value.sum().backward();
        var values = value.detach().data<double>().ToArray();
        var grads = x.grad!.data<double>().ToArray();
        for (int i = 0; i < Points.Length; i++)
        {
            double p = Points[i];
            AssertClose(reference(p), values[i], 1e-9, $"{name}({p})");
            double finiteDifference = (reference(p + H) - reference(p - H)) / (2 * H);
            AssertClose(finiteDifference, grads[i], 1e-5, $"d {name}/dx at {p}");
        }
    }

    [Theory]
    [MemberData(nameof(BinaryNames))]
    public void BinaryValueAndGradientsMatchFloat64ReferenceAndFiniteDifferences(string name)
    {
        var op = Operators.Find(name)!;
        var reference = ReferenceMath.Binary[name];
        using var scope = NewDisposeScope();
        var a = tensor(Points, dtype: ScalarType.Float64).requires_grad_(true);
        var b = tensor(Others, dtype: ScalarType.Float64).requires_grad_(true);
        var value = op.Apply(a, b);
        value.sum().backward();
        var values = value.detach().data<double>().ToArray();
        var gradA = a.grad!.data<double>().ToArray();
        var gradB = b.grad!.data<double>().ToArray();
        for (int i = 0; i < Points.Length; i++)
        {
            double p = Points[i], q = Others[i];
            AssertClose(reference(p, q), values[i], 1e-9, $"{name}({p}, {q})");
            AssertClose((reference(p + H, q) - reference(p - H, q)) / (2 * H), gradA[i], 1e-5, $"d {name}/da at ({p}, {q})");
            AssertClose((reference(p, q + H) - reference(p, q - H)) / (2 * H), gradB[i], 1e-5, $"d {name}/db at ({p}, {q})");
        }
    }

    [Fact]
    public void SoftplusStaysFiniteWhereTheLiteralFormulaOverflows()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 100f, 500f }, dtype: ScalarType.Float32);
        var value = Operators.Find("softplus")!.Apply(x).data<float>().ToArray();
        Assert.Equal(100f, value[0], 3);
        Assert.Equal(500f, value[1], 3);
    }

    internal static void AssertClose(double expected, double actual, double tolerance, string what)
    {
        double scale = Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance * scale, $"{what}: expected {expected:R}, got {actual:R}");
    }
}
