using LossSearch.Learning.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Models;

/// <summary>
/// Where dropout and stochastic depth draw their masks: the generator the trainer installs for the
/// run on its thread. libtorch's default generator is one per process, so two trainings running at
/// once (a search's parallel candidates) would otherwise interleave their draws and lose
/// reproducibility. Without an installed generator the default one is used.
/// </summary>
public static class ModelRandomness
{
    [ThreadStatic] private static Generator? _current;

    /// <summary>Installs <paramref name="generator"/> for this thread until the returned scope is disposed.</summary>
    public static IDisposable Use(Generator generator)
    {
        var previous = _current;
        _current = generator;
        return new Scope(previous);
    }

    /// <summary>Zeroes each element with probability <paramref name="p"/> while training, rescaling the rest by 1/(1 − p).</summary>
    public static Tensor Dropout(Tensor x, double p, bool training)
    {
        if (!training || p <= 0) return x;
        using var mask = Mask(x.shape, p, x);
        return x.mul(mask);
    }

    /// <summary>Zeroes whole samples (the first dimension) with probability <paramref name="p"/> while training, rescaling the rest.</summary>
    public static Tensor DropSamples(Tensor x, double p, bool training)
    {
        if (!training || p <= 0) return x;
        var shape = new long[x.dim()];
        Array.Fill(shape, 1L);
        shape[0] = x.shape[0];
        using var mask = Mask(shape, p, x);
        return x.mul(mask);
    }

    private static Tensor Mask(long[] shape, double p, Tensor like)
    {
        double keep = 1.0 - p;
        if (_current is not null) GeneratorChecks.RequireDeviceOf(_current, like, "a dropout or stochastic-depth mask");
        var mask = empty(shape, like.dtype, like.device);
        mask.bernoulli_(keep, _current).div_(keep);
        return mask;
    }

    private sealed class Scope(Generator? previous) : IDisposable
    {
        public void Dispose() => _current = previous;
    }
}

/// <summary><c>nn.Dropout</c> drawing from <see cref="ModelRandomness"/>; no parameters, so state-dict keys are unchanged.</summary>
public sealed class SeededDropout(double p) : nn.Module<Tensor, Tensor>("Dropout")
{
    public override Tensor forward(Tensor input) => ModelRandomness.Dropout(input, p, training);
}
