using LossSearch.Learning.Augment.Policies;
using static TorchSharp.torch;

namespace LossSearch.Learning.Augment;

/// <summary>Shared by the policy techniques: op layers applied per image on float copies of uint8 values.</summary>
public abstract class PolicyTechnique(CropFlip cropFlip) : Technique(cropFlip)
{
    protected override (Tensor, Tensor) Transform(Tensor images, Tensor labels, int classes, RandomDraws draws)
    {
        var values = images.to(float32);
        var result = Augment(values, draws);
        return (result.div_(255), Targets.OneHot(labels, classes));
    }

    /// <summary>float [B, C, H, W] holding uint8 values → the same, augmented.</summary>
    protected abstract Tensor Augment(Tensor values, RandomDraws draws);

    /// <summary>One op per image drawn uniformly from <paramref name="space"/>, at a fixed or drawn bin, signed at random.</summary>
    protected static Tensor Layer(Tensor values, OpRange[] space, RandomDraws draws, Func<int, int[]> bins)
    {
        int n = (int)values.shape[0];
        var choice = draws.Integers(n, space.Length);
        var bin = bins(n);
        var negative = draws.Coins(n);
        var ops = choice.Select(c => space[c].Op).ToArray();
        var magnitudes = Enumerable.Range(0, n).Select(i =>
        {
            var range = space[choice[i]];
            double m = range.Bins.Length == 0 ? 0 : range.Bins[Math.Min(bin[i], range.Bins.Length - 1)];
            return range.Signed && negative[i] ? -m : m;
        }).ToArray();
        return PolicyOps.ApplyPerImage(values, ops, magnitudes);
    }
}

/// <summary><c>randaugment</c> (Cubuk et al. 2020): N ops per image, uniformly chosen, all at magnitude bin M of <c>bins</c>.</summary>
public sealed class RandAugment(CropFlip cropFlip, int ops = 2, int magnitude = 9, int bins = 31) : PolicyTechnique(cropFlip)
{
    public override string Name => "randaugment";
    public int Ops { get; } = ops;
    public int Magnitude { get; } = magnitude < bins ? magnitude
        : throw new InvalidInputException($"augmentation randaugment: parameter 'm={magnitude}' must be below bins={bins}.");

    protected override Tensor Augment(Tensor values, RandomDraws draws)
    {
        var space = MagnitudeSpace.RandAugment(bins, (int)values.shape[2], (int)values.shape[3]);
        for (int layer = 0; layer < Ops; layer++)
        {
            var next = Layer(values, space, draws, n => Enumerable.Repeat(Magnitude, n).ToArray());
            values.Dispose();
            values = next;
        }
        return values;
    }
}

/// <summary><c>trivialaugment</c> (TrivialAugmentWide, Müller &amp; Hutter 2021): one op per image at a uniformly drawn bin.</summary>
public sealed class TrivialAugment(CropFlip cropFlip, int bins = 31) : PolicyTechnique(cropFlip)
{
    public override string Name => "trivialaugment";

    protected override Tensor Augment(Tensor values, RandomDraws draws) =>
        Layer(values, MagnitudeSpace.TrivialAugmentWide(bins), draws, n => draws.Integers(n, bins));
}

/// <summary>
/// <c>autoaugment</c>: each image draws one of the policy's 25 sub-policies; each of its two steps
/// applies with its probability, at its magnitude bin of 10, signed at random.
/// </summary>
public sealed class AutoAugment(CropFlip cropFlip, string policy = "cifar10") : PolicyTechnique(cropFlip)
{
    public override string Name => "autoaugment";
    public string Policy { get; } = policy;
    private readonly IReadOnlyList<PolicyStep[]> _policy = AutoAugmentPolicies.For(policy);

    protected override Tensor Augment(Tensor values, RandomDraws draws)
    {
        int n = (int)values.shape[0];
        var space = MagnitudeSpace.RandAugment(10, (int)values.shape[2], (int)values.shape[3], withIdentity: false, withInvert: true)
            .ToDictionary(r => r.Op);
        var chosen = draws.Integers(n, _policy.Count);
        for (int step = 0; step < 2; step++)
        {
            var probability = draws.Uniform(n);
            var negative = draws.Coins(n);
            var steps = chosen.Select(c => _policy[c][step]).ToArray();
            var apply = Enumerable.Range(0, n).Select(i => probability[i] <= steps[i].Probability).ToArray();
            var magnitudes = Enumerable.Range(0, n).Select(i =>
            {
                var range = space[steps[i].Op];
                double m = range.At(steps[i].Bin);
                return range.Signed && negative[i] ? -m : m;
            }).ToArray();
            var next = PolicyOps.ApplyPerImage(values, [.. steps.Select(s => s.Op)], magnitudes, apply);
            values.Dispose();
            values = next;
        }
        return values;
    }
}

/// <summary>
/// <c>augmix</c> (Hendrycks et al. 2020): <c>width</c> chains of 1–3 ops (or <c>depth</c>) at severity
/// bins below <c>severity</c>, mixed with Dirichlet(α) weights, then blended with the original by
/// Beta(α, α) — torchvision's form, with float output (no rounding back to uint8).
/// </summary>
public sealed class AugMix(CropFlip cropFlip, int severity = 3, int width = 3, int depth = -1, double alpha = 1.0) : PolicyTechnique(cropFlip)
{
    public override string Name => "augmix";

    protected override Tensor Augment(Tensor values, RandomDraws draws)
    {
        int n = (int)values.shape[0];
        var space = MagnitudeSpace.AugMix((int)values.shape[2], (int)values.shape[3]);
        var original = draws.Dirichlet(n, 2, alpha);
        var chainWeights = draws.Dirichlet(n, width, alpha);
        var keep = ColumnOf([.. original.Select(m => m[0])], values.device);
        var mix = values * keep;
        for (int chain = 0; chain < width; chain++)
        {
            int chainDepth = depth > 0 ? depth : draws.Integers(1, 3)[0] + 1;
            var augmented = values.alias();
            for (int d = 0; d < chainDepth; d++)
            {
                var next = Layer(augmented, space, draws, count => draws.Integers(count, severity));
                augmented.Dispose();
                augmented = next;
            }
            using var weight = ColumnOf([.. Enumerable.Range(0, n).Select(i => chainWeights[i][chain] * original[i][1])], values.device);
            mix.add_(augmented * weight);
            augmented.Dispose();
        }
        return mix;
    }

    private static Tensor ColumnOf(double[] values, Device device) =>
        tensor(values.Select(v => (float)v).ToArray(), [values.Length, 1, 1, 1]).to(device);
}
