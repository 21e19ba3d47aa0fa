namespace LossSearch.Learning.Augment.Policies;

/// <summary>One step of an AutoAugment sub-policy: the op, its probability and its magnitude bin (of 10).</summary>
public sealed record PolicyStep(PolicyOp Op, double Probability, int Bin);

/// <summary>The learned AutoAugment policies (Cubuk et al. 2019), 25 two-step sub-policies each, as torchvision lists them.</summary>
public static class AutoAugmentPolicies
{
    public static IReadOnlyList<PolicyStep[]> For(string name) => name switch
    {
        "cifar10" => Cifar10,
        "imagenet" => ImageNet,
        _ => throw new InvalidInputException($"augmentation autoaugment: parameter 'policy={name}' must be cifar10 or imagenet."),
    };

    private static PolicyStep[] P(PolicyOp a, double pa, int ma, PolicyOp b, double pb, int mb) => [new(a, pa, ma), new(b, pb, mb)];

    private const PolicyOp Invert = PolicyOp.Invert, Contrast = PolicyOp.Contrast, Rotate = PolicyOp.Rotate, TranslateX = PolicyOp.TranslateX,
        Sharpness = PolicyOp.Sharpness, ShearY = PolicyOp.ShearY, TranslateY = PolicyOp.TranslateY, AutoContrast = PolicyOp.AutoContrast,
        Equalize = PolicyOp.Equalize, Posterize = PolicyOp.Posterize, Color = PolicyOp.Color, Brightness = PolicyOp.Brightness,
        Solarize = PolicyOp.Solarize, ShearX = PolicyOp.ShearX;

    // Ops without a magnitude carry bin 0; their magnitude is ignored.
    public static readonly IReadOnlyList<PolicyStep[]> Cifar10 =
    [
        P(Invert, 0.1, 0, Contrast, 0.2, 6), P(Rotate, 0.7, 2, TranslateX, 0.3, 9), P(Sharpness, 0.8, 1, Sharpness, 0.9, 3),
        P(ShearY, 0.5, 8, TranslateY, 0.7, 9), P(AutoContrast, 0.5, 0, Equalize, 0.9, 0), P(ShearY, 0.2, 7, Posterize, 0.3, 7),
        P(Color, 0.4, 3, Brightness, 0.6, 7), P(Sharpness, 0.3, 9, Brightness, 0.7, 9), P(Equalize, 0.6, 0, Equalize, 0.5, 0),
        P(Contrast, 0.6, 7, Sharpness, 0.6, 5), P(Color, 0.7, 7, TranslateX, 0.5, 8), P(Equalize, 0.3, 0, AutoContrast, 0.4, 0),
        P(TranslateY, 0.4, 3, Sharpness, 0.2, 6), P(Brightness, 0.9, 6, Color, 0.2, 8), P(Solarize, 0.5, 2, Invert, 0.0, 0),
        P(Equalize, 0.2, 0, AutoContrast, 0.6, 0), P(Equalize, 0.2, 0, Equalize, 0.6, 0), P(Color, 0.9, 9, Equalize, 0.6, 0),
        P(AutoContrast, 0.8, 0, Solarize, 0.2, 8), P(Brightness, 0.1, 3, Color, 0.7, 0), P(Solarize, 0.4, 5, AutoContrast, 0.9, 0),
        P(TranslateY, 0.9, 9, TranslateY, 0.7, 9), P(AutoContrast, 0.9, 0, Solarize, 0.8, 3), P(Equalize, 0.8, 0, Invert, 0.1, 0),
        P(TranslateY, 0.7, 9, AutoContrast, 0.9, 0),
    ];

    public static readonly IReadOnlyList<PolicyStep[]> ImageNet =
    [
        P(Posterize, 0.4, 8, Rotate, 0.6, 9), P(Solarize, 0.6, 5, AutoContrast, 0.6, 0), P(Equalize, 0.8, 0, Equalize, 0.6, 0),
        P(Posterize, 0.6, 7, Posterize, 0.6, 6), P(Equalize, 0.4, 0, Solarize, 0.2, 4), P(Equalize, 0.4, 0, Rotate, 0.8, 8),
        P(Solarize, 0.6, 3, Equalize, 0.6, 0), P(Posterize, 0.8, 5, Equalize, 1.0, 0), P(Rotate, 0.2, 3, Solarize, 0.6, 8),
        P(Equalize, 0.6, 0, Posterize, 0.4, 6), P(Rotate, 0.8, 8, Color, 0.4, 0), P(Rotate, 0.4, 9, Equalize, 0.6, 0),
        P(Equalize, 0.0, 0, Equalize, 0.8, 0), P(Invert, 0.6, 0, Equalize, 1.0, 0), P(Color, 0.6, 4, Contrast, 1.0, 8),
        P(Rotate, 0.8, 8, Color, 1.0, 2), P(Color, 0.8, 8, Solarize, 0.8, 7), P(Sharpness, 0.4, 7, Invert, 0.6, 0),
        P(ShearX, 0.6, 5, Equalize, 1.0, 0), P(Color, 0.4, 0, Equalize, 0.6, 0), P(Equalize, 0.4, 0, Solarize, 0.2, 4),
        P(Solarize, 0.6, 5, AutoContrast, 0.6, 0), P(Invert, 0.6, 0, Equalize, 1.0, 0), P(Color, 0.6, 4, Contrast, 1.0, 8),
        P(Equalize, 0.8, 0, Equalize, 0.6, 0),
    ];
}
