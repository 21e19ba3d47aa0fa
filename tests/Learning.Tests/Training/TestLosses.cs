using LossSearch.Learning.Losses;
using TorchSharp;

namespace LossSearch.Learning.Tests.Training;

internal static class TestLosses
{
    /// <summary>−Σ y ln(ŷ + ε), summed over classes, averaged over the batch.</summary>
    public static readonly LossFunction CrossEntropy = (y, yhat) =>
    {
        using var scope = torch.NewDisposeScope();
        return y.mul(yhat.add(1e-7).log()).sum(1).mean().neg().MoveToOuterDisposeScope();
    };
}
