using LossSearch.Learning.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Models;

public class ModelRandomnessTests
{
    [Fact]
    public void DropoutKeepsTheExpectedFractionAndRescales()
    {
        using var generator = new Generator(11);
        using var scope = ModelRandomness.Use(generator);
        using var x = ones(200_000);
        using var y = ModelRandomness.Dropout(x, 0.25, training: true);
        var values = y.data<float>().ToArray();
        double kept = values.Count(v => v != 0) / (double)values.Length;
        Assert.InRange(kept, 0.745, 0.755);
        Assert.All(values.Where(v => v != 0).Take(1000), v => Assert.Equal(1 / 0.75, v, 5));
        Assert.Same(x, ModelRandomness.Dropout(x, 0.25, training: false));
    }

    [Fact]
    public void DropSamplesZeroesWholeSamples()
    {
        using var generator = new Generator(3);
        using var scope = ModelRandomness.Use(generator);
        using var x = ones(64, 3, 4, 4);
        using var y = ModelRandomness.DropSamples(x, 0.5, training: true);
        using var perSample = y.flatten(1);
        for (int i = 0; i < 64; i++)
        {
            var row = perSample[i].data<float>().ToArray();
            Assert.True(row.All(v => v == 0) || row.All(v => Math.Abs(v - 2) < 1e-6));
        }
    }

    [Fact]
    public void TheInstalledGeneratorDecidesTheMaskOnEachThread()
    {
        float[] Draw(ulong seed)
        {
            using var generator = new Generator(seed);
            using var scope = ModelRandomness.Use(generator);
            // Another thread drawing from the global generator meanwhile must not matter.
            var noise = Task.Run(() => { for (int i = 0; i < 50; i++) using (rand(1000)) { } });
            using var x = ones(5000);
            using var y = ModelRandomness.Dropout(x, 0.5, training: true);
            noise.Wait();
            return y.data<float>().ToArray();
        }
        Assert.Equal(Draw(5), Draw(5));
        Assert.NotEqual(Draw(5), Draw(6));
    }
}
