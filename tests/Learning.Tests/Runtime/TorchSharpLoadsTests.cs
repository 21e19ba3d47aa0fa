using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Runtime;

/// <summary>
/// Proves the native libraries load in the test process (the GLIBCXX weak-version patch worked)
/// and that convolution forward and backward are numerically right.
/// </summary>
public class TorchSharpLoadsTests
{
    [Fact]
    public void Conv2dForwardMatchesHandComputedSum()
    {
        // 1x1x3x3 input of ones times a 1x1x2x2 kernel [[1,2],[3,4]]: every output is 1+2+3+4.
        using var input = ones(1, 1, 3, 3, dtype: float64);
        using var kernel = tensor(new double[] { 1, 2, 3, 4 }).reshape(1, 1, 2, 2);
        using var output = nn.functional.conv2d(input, kernel);
        Assert.Equal(new long[] { 1, 1, 2, 2 }, output.shape);
        foreach (var v in output.data<double>().ToArray()) Assert.Equal(10.0, v, 12);
    }

    [Fact]
    public void Conv2dBackwardMatchesFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(7);
        var input = randn(new long[] { 2, 3, 5, 5 }, dtype: float64, generator: generator);
        var kernel = randn(new long[] { 4, 3, 3, 3 }, dtype: float64, generator: generator).requires_grad_();
        var weights = randn(new long[] { 2, 4, 3, 3 }, dtype: float64, generator: generator);

        Tensor Objective(Tensor k) => (nn.functional.conv2d(input, k) * weights).sum();
        Objective(kernel).backward();
        var analytic = kernel.grad!.clone();

        const double h = 1e-6;
        var flat = kernel.detach().clone().flatten();
        for (int i = 0; i < flat.shape[0]; i += 7)
        {
            double original = flat[i].item<double>();
            flat[i] = original + h;
            double up = Objective(flat.reshape(4, 3, 3, 3)).item<double>();
            flat[i] = original - h;
            double down = Objective(flat.reshape(4, 3, 3, 3)).item<double>();
            flat[i] = original;
            double numeric = (up - down) / (2 * h);
            Assert.Equal(numeric, analytic.flatten()[i].item<double>(), 6);
        }
    }
}
