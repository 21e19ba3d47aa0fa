using LossSearch.Learning.Runtime;
using static TorchSharp.torch;

namespace LossSearch.Learning.Augment;

/// <summary>
/// Per-image random parameters drawn on the CPU from the caller's generator (so the same seed gives
/// the same batch on any device), handed to the batched ops as small arrays.
/// </summary>
public sealed class RandomDraws
{
    private readonly Generator generator;
    private Random? _scalar;

    public RandomDraws(Generator generator)
    {
        GeneratorChecks.RequireHost(generator, "augmentation parameters");
        this.generator = generator;
    }

    public double[] Uniform(int count)
    {
        using var values = rand(count, dtype: float64, generator: generator);
        return values.data<double>().ToArray();
    }

    /// <summary>Integers in [0, high).</summary>
    public int[] Integers(int count, long high)
    {
        using var values = randint(high, [count], generator: generator);
        return [.. values.data<long>().Select(v => (int)v)];
    }

    public bool[] Coins(int count, double probability = 0.5) => [.. Uniform(count).Select(u => u < probability)];

    /// <summary>A random permutation of [0, count).</summary>
    public long[] Permutation(int count)
    {
        using var values = randperm(count, generator: generator);
        return values.data<long>().ToArray();
    }

    public double[] Beta(int count, double alpha)
    {
        var result = new double[count];
        for (int i = 0; i < count; i++)
        {
            double x = Gamma(alpha), y = Gamma(alpha);
            result[i] = x + y > 0 ? x / (x + y) : 0.5;
        }
        return result;
    }

    /// <summary>Rows of a symmetric Dirichlet(alpha, …, alpha) of the given width.</summary>
    public double[][] Dirichlet(int count, int width, double alpha)
    {
        var rows = new double[count][];
        for (int i = 0; i < count; i++)
        {
            var g = Enumerable.Range(0, width).Select(_ => Gamma(alpha)).ToArray();
            double sum = g.Sum();
            rows[i] = sum > 0 ? [.. g.Select(v => v / sum)] : [.. g.Select(_ => 1.0 / width)];
        }
        return rows;
    }

    /// <summary>Gamma(shape, 1) by Marsaglia and Tsang's method (boosted for shape &lt; 1).</summary>
    private double Gamma(double shape)
    {
        var random = Scalar();
        if (shape < 1)
            return Gamma(shape + 1) * Math.Pow(1 - random.NextDouble(), 1 / shape);
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
                x = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = 1 - random.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v;
        }
    }

    /// <summary>Scalar draws for the gamma sampler, seeded once per call from the generator.</summary>
    private Random Scalar()
    {
        if (_scalar is null)
        {
            using var seed = randint(int.MaxValue, [1], generator: generator);
            _scalar = new Random((int)seed.item<long>());
        }
        return _scalar;
    }
}
