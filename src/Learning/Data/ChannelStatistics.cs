using static TorchSharp.torch;

namespace LossSearch.Learning.Data;

/// <summary>Per-channel mean and standard deviation of pixel values scaled to [0, 1].</summary>
public sealed record ChannelStatistics(double[] Mean, double[] Std)
{
    /// <summary>Exact population statistics over every pixel of the split, accumulated in float64.</summary>
    public static ChannelStatistics Compute(IBatchSource source, int batchSize = 1024)
    {
        var sum = new double[source.Channels];
        var squares = new double[source.Channels];
        long pixels = 0;
        foreach (var (images, labels) in source.Batches(batchSize, CPU))
        {
            using var scope = NewDisposeScope();
            var values = images.to(float64).div_(255.0);
            var perChannel = values.sum([0, 2, 3]).data<double>().ToArray();
            var perChannelSquares = values.square().sum([0, 2, 3]).data<double>().ToArray();
            for (int c = 0; c < sum.Length; c++)
            {
                sum[c] += perChannel[c];
                squares[c] += perChannelSquares[c];
            }
            pixels += images.shape[0] * images.shape[2] * images.shape[3];
            images.Dispose();
            labels.Dispose();
        }
        var mean = sum.Select(s => s / pixels).ToArray();
        var std = squares.Select((s, c) => Math.Sqrt(Math.Max(0, s / pixels - mean[c] * mean[c]))).ToArray();
        return new ChannelStatistics(mean, std);
    }

    /// <summary>(x − mean) / std for float images [B, C, H, W] in [0, 1], on their device.</summary>
    public Tensor Normalize(Tensor images)
    {
        using var mean = tensor(Mean, float32, images.device).view(1, -1, 1, 1);
        using var std = tensor(Std, float32, images.device).view(1, -1, 1, 1);
        using var centred = images - mean;
        return centred / std;
    }
}
