namespace LossSearch.Learning.Losses;

/// <summary>
/// The outcome of <see cref="IntegrityCheck"/>. When valid, <see cref="Expression"/> is the
/// accepted loss (negated when <see cref="Flipped"/>) and <see cref="Phenotype"/> its phenotype;
/// when not, <see cref="Expression"/> is the input and <see cref="Rule"/> names the rule that fired.
/// </summary>
public sealed record IntegrityVerdict(bool Valid, bool Flipped, IntegrityRule Rule, string Reason, LossExpression Expression, Phenotype? Phenotype)
{
    /// <summary>The accepted loss as duplicate detection sees it (valid verdicts only).</summary>
    public LossCandidate ToCandidate() =>
        Valid ? new LossCandidate(Expression.ToString(), Phenotype!) : throw new InvalidOperationException($"rejected loss: {Reason}");
}

/// <summary>What the curve rules say about a probe curve.</summary>
public readonly record struct CurveVerdict(IntegrityRule Rule, string Reason, bool Flip)
{
    public bool Valid => Rule == IntegrityRule.None;
}
