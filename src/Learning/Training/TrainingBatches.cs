using LossSearch.Learning.Data;
using static TorchSharp.torch;

namespace LossSearch.Learning.Training;

/// <summary>
/// The training split as an endless stream of full batches: pass p is the split in the order of
/// shuffle seed (seed, p), so the batch of global step s is fixed by (seed, s) alone and a resumed run
/// can start at any step.
/// </summary>
internal sealed class TrainingBatches(IBatchSource source, int batchSize, long seed, Device device)
{
    public long BatchesPerPass { get; } = source.Count / batchSize;

    public IEnumerable<(Tensor Images, Tensor Labels)> From(long globalStep)
    {
        long pass = globalStep / BatchesPerPass;
        long skip = globalStep % BatchesPerPass;
        while (true)
        {
            foreach (var batch in source.Batches(batchSize, device, StepSeeds.Derive(seed, pass, StepSeeds.Shuffle), dropLast: true))
            {
                if (skip > 0)
                {
                    skip--;
                    batch.Images.Dispose();
                    batch.Labels.Dispose();
                    continue;
                }
                yield return batch;
            }
            pass++;
        }
    }
}
