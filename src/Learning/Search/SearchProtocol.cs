using LossSearch.Learning.Losses;

namespace LossSearch.Learning.Search;

/// <summary>The two named protocols of a search; each difference between them is one <see cref="ProtocolSwitches"/> field.</summary>
public enum SearchProtocol
{
    /// <summary>The predecessor's search as its code (OUStudent/NeuralLossFunctionEvolution) runs it.</summary>
    Published,
    /// <summary>Our variant: duplicates re-use fitness, every stop is a failure, one training stage, common random numbers.</summary>
    Ours,
}

/// <summary>
/// Every way the published protocol and ours differ, one switch each (the README has the table).
/// <see cref="For"/> gives the preset of a protocol; a search may set any switch on its own.
/// </summary>
public sealed record ProtocolSwitches
{
    /// <summary>
    /// True (published): a mutated child that duplicates a <em>living</em> population member (canonical
    /// text or phenotype) is rejected and the mutation retried; duplicates of dead members train again.
    /// False (ours): a duplicate of anything evaluated before re-uses its stored fitness.
    /// </summary>
    public bool RetryDuplicatesOfLiving { get; init; }

    /// <summary>
    /// True (published): a child whose fitness fails is mutated again from the same parent, up to
    /// <see cref="SearchSettings.TrainingRedraws"/> tries in all, then discarded (the slot passes, nothing enters).
    /// False (ours): a new parent is drawn for each re-draw, and after the last one the failed child enters with fitness 0.
    /// </summary>
    public bool RetryFailedFromSameParent { get; init; }

    /// <summary>
    /// True (published): only the 32×32 pre-gate (or the cheap fitness's train-accuracy threshold) fails
    /// a candidate; an early stop under the later gate, or a NaN stop, scores the best epoch reached.
    /// False (ours): a gated-out or diverged training is a failure.
    /// </summary>
    public bool OnlyPreGateFails { get; init; }

    /// <summary>
    /// True (published): the full fitness first trains <see cref="FitnessSettings.PreGateEpochs"/> epochs at
    /// 32×32 (no augmentation, batch <see cref="FitnessSettings.PreGateBatchSize"/>, pixels in [0, 1]) needing
    /// train accuracy ≥ <see cref="FitnessSettings.PreGateAccuracy"/>, then a fresh surrogate at
    /// <see cref="FitnessSettings.ImageSize"/>² with pixels scaled to (x − 127.5) / 128 under the search's
    /// technique. False (ours): one training at the dataset's size, inputs normalised by the training split's statistics.
    /// </summary>
    public bool TwoStageFitness { get; init; }

    /// <summary>True (published): validation is the last images of the training split in stored order. False (ours): a stratified, seeded carve.</summary>
    public bool ValidationFromEnd { get; init; }

    /// <summary>Random genomes and mutations as <see cref="WiringRules.Published"/> or <see cref="WiringRules.Ours"/>.</summary>
    public WiringRules Wiring { get; init; }

    /// <summary>Curve rules as <see cref="CurveRuleSet.Published"/> or <see cref="CurveRuleSet.Ours"/>.</summary>
    public CurveRuleSet CurveRules { get; init; }

    /// <summary>
    /// True (ours): every candidate trains with the search's seed, so all share the data order, the
    /// augmentation draws and the initial weights and fitness differences are not seed noise. False
    /// (published): each candidate has its own seed (the predecessor did not seed its 80×80 pipeline,
    /// so each candidate drew its own shuffle and RandAugment ops; its 32×32 pipelines were not shuffled).
    /// </summary>
    public bool CommonRandomNumbers { get; init; }

    public static readonly ProtocolSwitches Published = new()
    {
        RetryDuplicatesOfLiving = true, RetryFailedFromSameParent = true, OnlyPreGateFails = true, TwoStageFitness = true,
        ValidationFromEnd = true, Wiring = WiringRules.Published, CurveRules = CurveRuleSet.Published, CommonRandomNumbers = false,
    };

    public static readonly ProtocolSwitches Ours = new()
    {
        RetryDuplicatesOfLiving = false, RetryFailedFromSameParent = false, OnlyPreGateFails = false, TwoStageFitness = false,
        ValidationFromEnd = false, Wiring = WiringRules.Ours, CurveRules = CurveRuleSet.Ours, CommonRandomNumbers = true,
    };

    public static ProtocolSwitches For(SearchProtocol protocol) => protocol == SearchProtocol.Published ? Published : Ours;

    /// <summary>Parses <c>published</c> or <c>ours</c>, naming the field on anything else.</summary>
    public static SearchProtocol Parse(string text, string field) => text.Trim().ToLowerInvariant() switch
    {
        "published" => SearchProtocol.Published,
        "ours" => SearchProtocol.Ours,
        _ => throw new InvalidInputException($"{field}: '{text}' is not a protocol (published, ours)"),
    };
}
