using LossSearch.Activities.Choices;
using LossSearch.Activities.Funnel;
using LossSearch.Learning;
using LossSearch.Learning.Losses;
using LossSearch.Learning.Search;
using LossSearch.Workflows.Activities;

namespace LossSearch.Activities;

/// <summary>Chooses the losses the next stage trains, always with the baseline alongside.</summary>
[Activity(Category = "Funnel", DisplayName = "Select Top-K",
    Description = "Ranks candidate losses from earlier scores (per-augmentation, overall by mean rank, or beats-baseline), de-duplicated by phenotype; the baseline is always carried along.")]
public sealed class SelectTopK : Activity
{
    [Input(Description = "Scores from Evolve or a training grid (their 'scores' output).", Required = true)]
    public List<LossScore> Scores { get; set; } = [];

    [Input(Description = "per-augmentation, overall or beats-baseline.", UIHint = "dropdown", Choices = typeof(SelectionRuleChoices))]
    public string Rule { get; set; } = "per-augmentation";

    [Input(Description = "How many losses to choose (per group for per-augmentation).", Minimum = 1)]
    public int K { get; set; } = 1;

    [Input(Description = "The baseline loss carried along (name or expression).", Choices = typeof(LossChoices))]
    public string Baseline { get; set; } = "cross-entropy";

    [Output(Description = "The chosen losses as canonical expressions, the baseline last.")]
    public List<string> Losses { get; set; } = [];

    [Output(Description = "Each chosen loss with the evidence for the choice.")]
    public List<Choice> Selection { get; set; } = [];

    public sealed record Choice(string Loss, bool IsBaseline, string Evidence);

    public override Task ExecuteAsync(ActivityContext context)
    {
        var rule = SelectionRuleNames.Parse(Rule);
        var identity = new LossIdentity();
        string baseline = identity.Canonical(Baseline);
        // A loss's score in a group is its mean over seeds.
        var scored = Scores
            .GroupBy(s => (Loss: identity.Canonical(s.Loss), s.Group))
            .Select(g => new ScoredLoss(g.Key.Loss, g.Key.Group, g.Average(s => s.Score)))
            .ToList();
        var chosen = TopKSelection.Select(scored, rule, K, baseline, identity.Same);
        Losses = chosen.Select(c => c.Expression).ToList();
        Selection = chosen.Select(c => new Choice(c.Expression, c.IsBaseline, c.Evidence)).ToList();
        foreach (var choice in Selection)
            context.Logger.Information("Selected {Loss}: {Evidence}", choice.Loss, choice.Evidence);
        return Task.CompletedTask;
    }

    /// <summary>Canonical text and phenotype of each loss, computed once: two losses are the same when either matches.</summary>
    private sealed class LossIdentity
    {
        private readonly Dictionary<string, (string Canonical, Phenotype? Phenotype)> _known = new(StringComparer.Ordinal);

        public string Canonical(string loss) => Describe(loss).Canonical;

        public bool Same(string a, string b)
        {
            var (ca, pa) = Describe(a);
            var (cb, pb) = Describe(b);
            return ca == cb || pa is not null && pb is not null && pa.DistanceTo(pb) <= Phenotype.DuplicateDistance;
        }

        private (string Canonical, Phenotype? Phenotype) Describe(string loss)
        {
            if (_known.TryGetValue(loss, out var known)) return known;
            var expression = LossCatalog.Resolve(loss);
            var verdict = IntegrityCheck.Check(expression);
            var description = (expression.ToString(), verdict.Valid && !verdict.Flipped ? verdict.Phenotype : null);
            _known[loss] = description;
            _known[description.Item1] = description;
            return description;
        }
    }
}
