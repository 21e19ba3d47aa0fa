using static TorchSharp.torch;

namespace LossSearch.Learning.Losses;

/// <summary>
/// A reduced classification loss. <paramref name="y"/> holds the targets (rows sum to 1: one-hot,
/// label-smoothed, or mixed by MixUp/CutMix) and <paramref name="yhat"/> the softmax output, both
/// shaped [batch, classes] on the same device and dtype. Returns a scalar with autograd.
/// </summary>
public delegate Tensor LossFunction(Tensor y, Tensor yhat);
