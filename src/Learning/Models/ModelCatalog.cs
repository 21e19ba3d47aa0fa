using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace LossSearch.Learning.Models;

/// <summary>
/// Architecture names as used by the CLI and workflow inputs: <c>wrn-D-K</c> (e.g. <c>wrn-28-10</c>),
/// <c>efficientnetv2-s</c>, <c>resnet9v2</c>, <c>convnet</c>.
/// </summary>
public static partial class ModelCatalog
{
    public static readonly IReadOnlyList<string> Names = ["wrn-D-K", "efficientnetv2-s", "resnet9v2", "convnet"];

    /// <summary>The architectures named without parameters (every name but the <c>wrn-D-K</c> family).</summary>
    public static readonly IReadOnlyList<string> FixedNames = ["resnet9v2", "convnet", "efficientnetv2-s"];

    /// <summary>Whether <see cref="Create"/> knows the name (without building anything); WRN depths must be 6n + 4.</summary>
    public static bool IsKnown(string? architecture)
    {
        var name = (architecture ?? "").Trim().ToLowerInvariant();
        if (WrnName().Match(name) is { Success: true } wrn)
            return int.Parse(wrn.Groups[1].Value) is var depth && depth >= 10 && (depth - 4) % 6 == 0 && int.Parse(wrn.Groups[2].Value) >= 1;
        return FixedNames.Contains(name) || name == "efficientnet_v2_s";
    }

    /// <summary>Builds a freshly initialised network (from the global torch RNG) on the CPU.</summary>
    public static nn.Module<Tensor, Tensor> Create(string architecture, int classes, int inputChannels = 3, double dropout = 0.0)
    {
        var name = (architecture ?? "").Trim().ToLowerInvariant();
        var wrn = WrnName().Match(name);
        if (wrn.Success)
            return new WideResNet(int.Parse(wrn.Groups[1].Value), int.Parse(wrn.Groups[2].Value), classes, inputChannels, dropout);
        return name switch
        {
            "efficientnetv2-s" or "efficientnet_v2_s" => new EfficientNetV2(classes, inputChannels),
            "resnet9v2" => new ResNet9V2(classes, inputChannels),
            "convnet" => new ConvNet(classes, inputChannels),
            _ => throw new InvalidInputException(
                $"architecture: '{architecture}' is unknown; use one of {string.Join(", ", Names)}."),
        };
    }

    /// <summary>The per-channel mean and standard deviation a model's pretrained weights expect, if any.</summary>
    public static (float[] Mean, float[] Std)? InputNormalization(string architecture) =>
        architecture.Trim().ToLowerInvariant() is "efficientnetv2-s" or "efficientnet_v2_s"
            ? ([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f])
            : null;

    [GeneratedRegex(@"^wrn-(\d{1,3})-(\d{1,2})$")]
    private static partial Regex WrnName();
}
