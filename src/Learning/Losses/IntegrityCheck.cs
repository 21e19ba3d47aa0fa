using TorchSharp;
using static TorchSharp.torch;

namespace LossSearch.Learning.Losses;

/// <summary>
/// Candidate rejection as published: the loss is probed on two classes with y = [0, 1] and
/// yhat = [p, 1 − p], p = linspace(1e-7, 1 − 1e-7, 1000), in float32 on the CPU; the curve rules
/// (<see cref="CurveRules"/>, or <see cref="PublishedCurveRules"/>) reject or flip it. On top (ours): NaN or infinity in the probe
/// gradient, or in value or gradient on a fixed random float32 batch with hard and mixed targets,
/// rejects it too. Deterministic; safe to call from several threads.
/// </summary>
public static class IntegrityCheck
{
    public const int ProbePoints = 1000;
    public const double ProbeEdge = 1e-7;
    private const int BatchRows = 32, BatchClasses = 10;

    private static readonly Lazy<(Tensor Y, Tensor Yhat)> Probe = new(() =>
    {
        using var scope = NewDisposeScope();
        var p = linspace(ProbeEdge, 1 - ProbeEdge, ProbePoints, dtype: ScalarType.Float32);
        var yhat = stack([p, 1 - p], 1);
        var y = stack([zeros_like(p), ones_like(p)], 1);
        return (y.DetachFromDisposeScope(), yhat.DetachFromDisposeScope());
    });

    private static readonly Lazy<(Tensor Y, Tensor Yhat)> Batch = new(() =>
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(20240406);
        var logits = randn(BatchRows, BatchClasses, generator: generator) * 3;
        var yhat = logits.softmax(1);
        var labels = randint(BatchClasses, BatchRows, generator: generator);
        var oneHot = nn.functional.one_hot(labels, BatchClasses).to_type(ScalarType.Float32);
        // The second half mixes two targets, as MixUp and CutMix do.
        var mixed = 0.7f * oneHot + 0.3f * oneHot.roll(1, 0);
        var y = cat([oneHot[..(BatchRows / 2)], mixed[(BatchRows / 2)..]], 0);
        return (y.DetachFromDisposeScope(), yhat.DetachFromDisposeScope());
    });

    public static IntegrityVerdict Check(LossExpression expression, CurveRuleSet rules = CurveRuleSet.Ours)
    {
        var problem = expression.Structure;
        if (problem != StructureProblem.None)
            return Reject(expression, IntegrityRule.Structure, LossCompiler.Describe(problem));
        var compiled = LossCompiler.Prepare(expression);

        using var scope = NewDisposeScope();
        using var enableGrad = enable_grad();
        var (probeY, probeYhat) = Probe.Value;
        var yhat = probeYhat.detach().requires_grad_(true);
        var curveTensor = compiled.PerSample(probeY, yhat);
        var curve = curveTensor.detach().to_type(ScalarType.Float64).data<double>().ToArray();

        var verdict = rules == CurveRuleSet.Published ? PublishedCurveRules.Judge(curve) : CurveRules.Judge(curve);
        if (verdict.Rule == IntegrityRule.NonFiniteValue)
            return Reject(expression, verdict.Rule, verdict.Reason);
        curveTensor.sum().backward();
        if (!AllFinite(yhat.grad!))
            return Reject(expression, IntegrityRule.NonFiniteGradient, "d loss / d yhat is NaN or infinite on the probe");
        if (!verdict.Valid)
            return Reject(expression, verdict.Rule, verdict.Reason);

        var accepted = verdict.Flip ? expression.WithFlip(!expression.Flip) : expression;
        var (batchY, batchYhatValue) = Batch.Value;
        var batchYhat = batchYhatValue.detach().requires_grad_(true);
        var value = LossCompiler.Prepare(accepted).Reduced(batchY, batchYhat);
        if (!AllFinite(value))
            return Reject(expression, IntegrityRule.NonFiniteOnBatch, "the loss is NaN or infinite on a random batch");
        value.backward();
        if (!AllFinite(batchYhat.grad!))
            return Reject(expression, IntegrityRule.NonFiniteOnBatch, "d loss / d yhat is NaN or infinite on a random batch");

        if (verdict.Flip)
            for (int i = 0; i < curve.Length; i++)
                curve[i] = -curve[i];
        return new IntegrityVerdict(true, verdict.Flip, IntegrityRule.None, "", accepted, Phenotype.FromCurve(curve));
    }

    /// <summary>The probe curve of a loss as it stands (no flip applied), for plots and reports.</summary>
    public static double[] ProbeCurve(LossExpression expression)
    {
        var compiled = LossCompiler.Prepare(expression);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (y, yhat) = Probe.Value;
        return compiled.PerSample(y, yhat).to_type(ScalarType.Float64).data<double>().ToArray();
    }

    private static bool AllFinite(Tensor t) => isfinite(t).all().item<bool>();

    private static IntegrityVerdict Reject(LossExpression expression, IntegrityRule rule, string reason) =>
        new(false, false, rule, reason, expression, null);
}
