using LossSearch.Learning.Data;
using LossSearch.Learning.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Training;

/// <summary>Loss (the run's loss on one-hot targets), top-1 and top-5 accuracy over a whole split, in eval mode.</summary>
public static class Evaluation
{
    public static (double Loss, double Top1, double Top5) Run(
        nn.Module<Tensor, Tensor> model, IBatchSource split, LossFunction loss, int batchSize, Device device, InputNormalization? normalization, int? imageSize = null)
    {
        bool wasTraining = model.training;
        model.eval();
        // Per-batch losses and hit counts stay on the device; one read at the end.
        var losses = new List<Tensor>();
        var batchSizes = new List<long>();
        using var top1 = zeros(1, ScalarType.Int64, device);
        using var top5 = zeros(1, ScalarType.Int64, device);
        long count = 0;
        int classes = split.Classes.Count;
        int k = Math.Min(5, classes);
        try
        {
            // Inference mode, not just no_grad: no version counters or view tracking on the many activations.
            using var inference = torch.inference_mode();
            foreach (var batch in split.Batches(batchSize, device))
            {
                using var images = batch.Images;
                using var labels = batch.Labels;
                using var scope = torch.NewDisposeScope();
                var x = images.to(ScalarType.Float32).div_(255f);
                if (imageSize is int size && (x.shape[2] != size || x.shape[3] != size))
                    x = nn.functional.interpolate(x, [size, size], mode: InterpolationMode.Bilinear, align_corners: false);
                x = InputPreparation.ToModelInput(x, normalization);
                var logits = model.forward(x);
                var yhat = nn.functional.softmax(logits, 1);
                var y = nn.functional.one_hot(labels, classes).to(yhat.dtype);
                long n = labels.shape[0];
                losses.Add(loss(y, yhat).detach().MoveToOuterDisposeScope());
                batchSizes.Add(n);
                var best = logits.topk(k, 1).indexes;
                var hits = best.eq(labels.unsqueeze(1));
                top1.add_(hits[.., 0].sum());
                top5.add_(hits.any(1).sum());
                count += n;
            }
            if (count == 0) throw new InvalidInputException("evaluation split is empty.");
            using var readScope = torch.NewDisposeScope();
            // float32 losses and counts below 2^53 are exact in float64: one copy to the host for all of them.
            using var host = cat([stack(losses).to(ScalarType.Float64).flatten(), top1.to(ScalarType.Float64), top5.to(ScalarType.Float64)]).cpu();
            var values = host.data<double>().ToArray();
            double lossSum = 0;
            for (int i = 0; i < losses.Count; i++) lossSum += (float)values[i] * batchSizes[i];
            return (lossSum / count, values[^2] / count, values[^1] / count);
        }
        finally
        {
            foreach (var t in losses) t.Dispose();
            model.train(wasTraining);
        }
    }
}
