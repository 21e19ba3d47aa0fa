using LossSearch.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Tests.Training;

public class EvaluationTests
{
    [Fact]
    public void TopOneTopFiveAndLossAreCountedOverTheWholeSplit()
    {
        // Image i (pixel value i) gets logits −((c − i) mod 6): class i first, then i+1, ...; its label sits at rank r_i.
        int[] ranks = [0, 0, 1, 4, 5, 5];
        var labelValues = ranks.Select((r, i) => (long)((i + r) % 6)).ToArray();
        var logits = new float[36];
        for (int i = 0; i < 6; i++)
            for (int c = 0; c < 6; c++)
                logits[i * 6 + c] = -(((c - i) % 6 + 6) % 6);
        using var table = torch.tensor(logits).view(6, 6);
        using var images = torch.arange(6, dtype: ScalarType.Int64).to(ScalarType.Byte).view(6, 1, 1, 1);
        using var source = new InMemoryBatchSource(images.clone(), torch.tensor(labelValues), classes: 6);
        using var model = new LookupModel(table);

        var (loss, top1, top5) = Evaluation.Run(model, source, TestLosses.CrossEntropy, batchSize: 4, torch.CPU, normalization: null);

        double expectedLoss = Enumerable.Range(0, 6).Average(i =>
        {
            double logSum = Math.Log(Enumerable.Range(0, 6).Sum(c => Math.Exp(logits[i * 6 + c])));
            return -Math.Log(Math.Exp(logits[i * 6 + (int)labelValues[i]] - logSum) + 1e-7);
        });
        Assert.Equal(expectedLoss, loss, 5);
        Assert.Equal(2 / 6.0, top1, 12);
        Assert.Equal(4 / 6.0, top5, 12);
    }

    [Fact]
    public void EvaluationImagesAreResizedToTheConfiguredSize()
    {
        using var source = new InMemoryBatchSource(torch.full([3, 1, 4, 4], 51, ScalarType.Byte), torch.zeros([3], ScalarType.Int64), classes: 2);
        var seen = new List<long[]>();
        using var model = new ShapeRecorder(seen);
        Evaluation.Run(model, source, TestLosses.CrossEntropy, batchSize: 8, torch.CPU, normalization: null, imageSize: 8);
        Assert.Equal([[3L, 1, 8, 8]], seen);
    }

    private sealed class ShapeRecorder(List<long[]> seen) : nn.Module<Tensor, Tensor>("ShapeRecorder")
    {
        public override Tensor forward(Tensor input)
        {
            seen.Add(input.shape);
            Assert.True(input.allclose(torch.full_like(input, 0.2)), "a constant image stays constant under bilinear resizing");
            return torch.zeros(input.shape[0], 2);
        }
    }

    private sealed class LookupModel(Tensor table) : nn.Module<Tensor, Tensor>("Lookup")
    {
        public override Tensor forward(Tensor input) =>
            table.index_select(0, input.flatten(1).select(1, 0).mul(255).round().to(ScalarType.Int64));
    }
}
