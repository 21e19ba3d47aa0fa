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
        double lossSum = 0;
        long top1 = 0, top5 = 0, count = 0;
        int classes = split.Classes.Count;
        int k = Math.Min(5, classes);
        try
        {
            using var noGrad = torch.no_grad();
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
                lossSum += loss(y, yhat).item<float>() * n;
                var best = logits.topk(k, 1).indexes;
                var hits = best.eq(labels.unsqueeze(1));
                top1 += hits[.., 0].sum().item<long>();
                top5 += hits.any(1).sum().item<long>();
                count += n;
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        if (count == 0) throw new InvalidInputException("evaluation split is empty.");
        return (lossSum / count, (double)top1 / count, (double)top5 / count);
    }
}
