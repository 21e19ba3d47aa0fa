using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace LossSearch.Host.Cli;

/// <summary>
/// A small convolutional network for <c>bench losses</c>, standing in for WideResNet-16-4 until
/// src/Learning/Models provides it: three 3×3 conv–batch-norm–ReLU stages (32, 64, 128 channels,
/// the last two with stride 2), global average pooling, a linear head.
/// </summary>
internal static class StandInCnn
{
    public const string Description = "stand-in CNN (conv 32-64-128 + BN + ReLU, GAP, linear); WRN-16-4 not yet available";

    public static Sequential Create(int classes) => Sequential(
        Conv2d(3, 32, 3, padding: 1, bias: false), BatchNorm2d(32), ReLU(),
        Conv2d(32, 64, 3, stride: 2, padding: 1, bias: false), BatchNorm2d(64), ReLU(),
        Conv2d(64, 128, 3, stride: 2, padding: 1, bias: false), BatchNorm2d(128), ReLU(),
        AdaptiveAvgPool2d(1), Flatten(), Linear(128, classes));
}
