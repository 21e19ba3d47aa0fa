using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Training;

/// <summary>
/// Exponential moving average of a model's floating-point state (parameters and batch-norm statistics):
/// avg ← decay·avg + (1 − decay)·current after every step; integer buffers are copied.
/// </summary>
public sealed class WeightAverage : IDisposable
{
    private readonly Dictionary<string, Tensor> _average;

    public WeightAverage(nn.Module model, double decay)
    {
        Decay = decay;
        using var noGrad = torch.no_grad();
        _average = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
    }

    public double Decay { get; }

    public IReadOnlyDictionary<string, Tensor> Tensors => _average;

    public void Update(nn.Module model)
    {
        using var noGrad = torch.no_grad();
        foreach (var (key, current) in model.state_dict())
        {
            var average = _average[key];
            if (average.is_floating_point()) average.mul_(Decay).add_(current, alpha: 1 - Decay);
            else average.copy_(current);
        }
    }

    /// <summary>Puts the average into the model until the returned handle is disposed, then restores the live weights.</summary>
    public IDisposable Apply(nn.Module model) => new Swap(model, _average);

    public void Dispose()
    {
        foreach (var tensor in _average.Values) tensor.Dispose();
    }

    private sealed class Swap : IDisposable
    {
        private readonly Dictionary<string, Tensor> _target;
        private readonly Dictionary<string, Tensor> _saved;

        public Swap(nn.Module model, Dictionary<string, Tensor> replacement)
        {
            using var noGrad = torch.no_grad();
            _target = model.state_dict();
            _saved = _target.ToDictionary(kv => kv.Key, kv => kv.Value.clone());
            foreach (var (key, tensor) in _target) tensor.copy_(replacement[key]);
        }

        public void Dispose()
        {
            using var noGrad = torch.no_grad();
            foreach (var (key, tensor) in _target) tensor.copy_(_saved[key]);
            foreach (var tensor in _saved.Values) tensor.Dispose();
        }
    }
}
