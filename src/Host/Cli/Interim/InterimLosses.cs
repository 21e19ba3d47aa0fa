using LossSearch.Learning.Losses;
using TorchSharp;

namespace LossSearch.Host.Cli.Interim;

/// <summary>Interim (until the loss-expression language is connected): cross-entropy −Σ y ln(ŷ + 1e-7), batch mean.</summary>
internal static class InterimLosses
{
    public static readonly LossFunction CrossEntropy = (y, yhat) =>
    {
        using var scope = torch.NewDisposeScope();
        return y.mul(yhat.add(1e-7).log()).sum(1).mean().neg().MoveToOuterDisposeScope();
    };
}
