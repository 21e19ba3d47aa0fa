using LossSearch.Learning.Losses;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Losses;

public class CompilerTests
{
    private const string Composite = "aq(exp(yhat), y - 1) * softplus(-yhat) + y / (yhat + 1) - max(y, sigmoid(yhat))";

    private static (Tensor Y, Tensor Yhat) Batch(ScalarType dtype)
    {
        var generator = new TorchSharp.torch.Generator(3);
        var yhat = randn(8, 4, dtype: ScalarType.Float64, generator: generator).softmax(1);
        var y = randn(8, 4, dtype: ScalarType.Float64, generator: generator).softmax(1); // soft targets, rows sum to 1
        return (y.to_type(dtype), yhat.to_type(dtype));
    }

    [Fact]
    public void GradientMatchesCentralFiniteDifferencesInFloat64()
    {
        using var scope = NewDisposeScope();
        var loss = LossCatalog.Compile(Composite);
        var (y, yhat) = Batch(ScalarType.Float64);
        var leaf = yhat.clone().requires_grad_(true);
        loss(y, leaf).backward();
        var grad = leaf.grad!.data<double>().ToArray();
        var flat = yhat.data<double>().ToArray();
        const double h = 1e-6;
        using var noGrad = no_grad();
        for (int i = 0; i < flat.Length; i += 3)
        {
            double Probe(double delta)
            {
                var shifted = (double[])flat.Clone();
                shifted[i] += delta;
                return loss(y, tensor(shifted, dtype: ScalarType.Float64).reshape(8, 4)).item<double>();
            }
            double fd = (Probe(h) - Probe(-h)) / (2 * h);
            OperatorTests.AssertClose(fd, grad[i], 1e-6, $"d loss / d yhat[{i}]");
        }
    }

    [Fact]
    public void ValueMatchesAHandWrittenFormula()
    {
        using var scope = NewDisposeScope();
        var (y, yhat) = Batch(ScalarType.Float64);
        double expected = (y * (yhat.abs() + 1e-7).log() - yhat.square()).sum(1).mean().item<double>();
        Assert.Equal(expected, LossCatalog.Compile("y * log(yhat) - square(yhat)")(y, yhat).item<double>(), 12);
    }

    [Fact]
    public void Float32AndBFloat16AgreeWithFloat64AndKeepTheirDtype()
    {
        using var scope = NewDisposeScope();
        var loss = LossCatalog.Compile(Composite);
        var (y64, yhat64) = Batch(ScalarType.Float64);
        double reference = loss(y64, yhat64).item<double>();
        foreach (var (dtype, tolerance) in new[] { (ScalarType.Float32, 1e-5), (ScalarType.BFloat16, 3e-2) })
        {
            var (y, yhat) = Batch(dtype);
            var leaf = yhat.detach().requires_grad_(true);
            var value = loss(y, leaf);
            Assert.Equal(dtype, value.dtype);
            value.backward();
            Assert.Equal(dtype, leaf.grad!.dtype);
            OperatorTests.AssertClose(reference, value.to_type(ScalarType.Float64).item<double>(), tolerance, dtype.ToString());
        }
    }

    [Fact]
    public void FlipNegatesAndPerSampleSumsClasses()
    {
        using var scope = NewDisposeScope();
        var (y, yhat) = Batch(ScalarType.Float64);
        var plain = LossCompiler.Prepare(LossCatalog.Resolve("y * yhat"));
        var flipped = LossCompiler.Prepare(LossCatalog.Resolve("flip: y * yhat"));
        Assert.Equal(-plain.Reduced(y, yhat).item<double>(), flipped.Reduced(y, yhat).item<double>(), 12);
        Assert.True(plain.PerSample(y, yhat).allclose((y * yhat).sum(1)));
    }

    [Fact]
    public void SharedNodeIsEvaluatedOncePerCall()
    {
        int calls = 0;
        var counting = new Operator("counting", "x", x => { calls++; return x * 1; });
        // shared = counting(yhat); root = shared * shared + y
        var nodes = new List<LossNode>
        {
            LossNode.Y, LossNode.Yhat,
            LossNode.Unary(counting, 1),
            LossNode.Binary(Operators.Mul, 2, 2),
            LossNode.Binary(Operators.Add, 3, 0),
        };
        var loss = LossCompiler.Compile(new LossExpression(nodes, 4));
        using var scope = NewDisposeScope();
        var (y, yhat) = Batch(ScalarType.Float64);
        double value = loss(y, yhat).item<double>();
        Assert.Equal(1, calls);
        Assert.Equal((yhat * yhat + y).sum(1).mean().item<double>(), value, 12);
    }

    [Fact]
    public void MismatchedShapesAreBadInput()
    {
        using var scope = NewDisposeScope();
        var loss = LossCatalog.Compile("cross-entropy");
        var e = Assert.Throws<InvalidInputException>(() => loss(ones(4, 3), ones(4, 2)));
        Assert.Contains("[4, 3]", e.Message);
        Assert.Contains("[4, 2]", e.Message);
    }

    [Fact]
    public void CyclicGenomeCannotBeCompiled()
    {
        var nodes = new List<LossNode>(GenomeShape.LeafNodes)
        {
            LossNode.Binary(Operators.Add, 0, 5),
            LossNode.Binary(Operators.Mul, 1, 4),
            LossNode.Unary(Operators.Neg, 5),
        };
        var cyclic = new LossExpression(nodes, 6);
        Assert.Equal(StructureProblem.Cycle, cyclic.Structure);
        Assert.Throws<InvalidInputException>(() => LossCompiler.Compile(cyclic));
    }

    [Fact]
    public void RepeatedCallsInsideAScopeDoNotLeakTensors()
    {
        var loss = LossCatalog.Compile(Composite);
        using var outer = NewDisposeScope();
        var (y, yhat) = Batch(ScalarType.Float32);
        long before = outer.DisposablesCount;
        for (int i = 0; i < 50; i++)
            loss(y, yhat).Dispose();
        Assert.Equal(before, outer.DisposablesCount); // results disposed, no intermediates left behind
    }

    [Fact]
    public void RunsOnCudaWhenPresent()
    {
        if (!cuda.is_available())
            return; // CPU-only machine: nothing to check here.
        using var scope = NewDisposeScope();
        var (y, yhat) = Batch(ScalarType.Float32);
        var loss = LossCatalog.Compile(Composite);
        double cpu = loss(y, yhat).item<float>();
        double gpu = loss(y.cuda(), yhat.cuda()).cpu().item<float>();
        Assert.Equal(cpu, gpu, 4);
    }
}
