using static TorchSharp.torch;

namespace LossSearch.Learning.Training;

/// <summary>
/// The loss and the count of correct predictions of the steps since the last host read, kept on the
/// device as detached scalars, so that a training step never waits for the device. <see cref="Read"/>
/// brings them all to the host in one synchronisation, in step order.
/// </summary>
internal sealed class PendingSteps : IDisposable
{
    private readonly List<Tensor> _losses = [];
    private readonly List<Tensor> _correct = [];

    public int Count => _losses.Count;

    /// <summary>Takes ownership of both scalars.</summary>
    public void Add(Tensor loss, Tensor correct)
    {
        _losses.Add(loss);
        _correct.Add(correct);
    }

    /// <summary>Per pending step, in order: the loss as the step computed it (float32 widened exactly) and the correct count.</summary>
    public (double Loss, long Correct)[] Read()
    {
        if (Count == 0) return [];
        double[] values;
        using (var scope = NewDisposeScope())
        {
            // float32 losses and integer counts up to the batch size are exact in float64: one copy for both.
            var both = cat([stack(_losses).to(ScalarType.Float64), stack(_correct).to(ScalarType.Float64)]);
            using var host = both.cpu();
            values = host.data<double>().ToArray();
        }
        var steps = new (double, long)[Count];
        for (int i = 0; i < steps.Length; i++) steps[i] = (values[i], (long)values[Count + i]);
        Clear();
        return steps;
    }

    public void Dispose() => Clear();

    private void Clear()
    {
        foreach (var t in _losses) t.Dispose();
        foreach (var t in _correct) t.Dispose();
        _losses.Clear();
        _correct.Clear();
    }
}
