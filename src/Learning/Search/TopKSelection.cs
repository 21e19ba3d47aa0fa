using System.Globalization;
using System.Text.Json.Serialization;

namespace LossSearch.Learning.Search;

/// <summary>How Select Top-K ranks candidate losses.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SelectionRule>))]
public enum SelectionRule
{
    /// <summary>The K best of each group (augmentation, or dataset/augmentation).</summary>
    PerAugmentation,
    /// <summary>The K best by mean rank across groups (a loss missing from a group ranks last there).</summary>
    Overall,
    /// <summary>Up to K losses whose mean score beats the baseline's over the groups both have, by margin.</summary>
    BeatsBaseline,
}

/// <summary>A loss's score in one group (e.g. its search fitness under CutMix, or its mean WRN accuracy on CIFAR-10/CutMix).</summary>
public sealed record ScoredLoss(string Expression, string Group, double Score);

/// <summary>A chosen loss and why it was chosen.</summary>
public sealed record SelectedLoss(string Expression, bool IsBaseline, string Evidence, IReadOnlyList<ScoredLoss> Scores);

/// <summary>
/// Select Top-K between funnel stages. Losses that are the same function (per <c>sameLoss</c>, e.g.
/// phenotype distance ≤ 0.01) count once, under their best-scoring form. The baseline is always
/// carried along, whether or not it was scored.
/// </summary>
public static class TopKSelection
{
    public static IReadOnlyList<SelectedLoss> Select(
        IReadOnlyList<ScoredLoss> candidates, SelectionRule rule, int k, string baseline, Func<string, string, bool> sameLoss)
    {
        if (k < 1) throw new InvalidInputException($"k: must be at least 1, got {k}");
        var merged = MergeSameLosses(candidates, sameLoss);
        var groups = candidates.Select(s => s.Group).Distinct().ToList();
        bool IsBaseline(string expression) => sameLoss(expression, baseline);

        var chosen = rule switch
        {
            SelectionRule.PerAugmentation => PerGroup(merged, groups, k, IsBaseline),
            SelectionRule.Overall => ByMeanRank(merged, groups, k, IsBaseline),
            SelectionRule.BeatsBaseline => BeatingBaseline(merged, k, IsBaseline),
            _ => throw new InvalidInputException($"rule: unknown selection rule {rule}"),
        };
        var baselineScores = merged.Where(s => IsBaseline(s.Expression)).ToList();
        chosen.Add(new SelectedLoss(baseline, true, "baseline, always carried along", baselineScores));
        return chosen;
    }

    /// <summary>Rewrites each expression to the first-seen representative of its equivalence class; keeps the best score per (loss, group).</summary>
    private static List<ScoredLoss> MergeSameLosses(IReadOnlyList<ScoredLoss> candidates, Func<string, string, bool> sameLoss)
    {
        var representatives = new List<string>();
        var best = new Dictionary<(string, string), ScoredLoss>();
        foreach (var candidate in candidates.OrderByDescending(c => c.Score))
        {
            string representative = representatives.FirstOrDefault(r => sameLoss(r, candidate.Expression)) ?? candidate.Expression;
            if (representative == candidate.Expression && !representatives.Contains(representative)) representatives.Add(representative);
            var key = (representative, candidate.Group);
            if (!best.ContainsKey(key)) best[key] = candidate with { Expression = representative };
        }
        return best.Values.ToList();
    }

    private static List<SelectedLoss> PerGroup(List<ScoredLoss> scores, List<string> groups, int k, Func<string, bool> isBaseline)
    {
        var chosen = new List<SelectedLoss>();
        foreach (var group in groups)
        {
            var ranked = scores.Where(s => s.Group == group && !isBaseline(s.Expression)).OrderByDescending(s => s.Score).ToList();
            if (ranked.Count < k)
                throw new InvalidInputException($"k: {k} is more than the {ranked.Count} distinct candidate losses of group '{group}'");
            for (int i = 0; i < k; i++)
            {
                var pick = ranked[i];
                string evidence = string.Format(CultureInfo.InvariantCulture, "rank {0} of {1} in {2} (score {3:F4})", i + 1, ranked.Count, group, pick.Score);
                int existing = chosen.FindIndex(c => c.Expression == pick.Expression);
                if (existing >= 0)
                    chosen[existing] = chosen[existing] with { Evidence = chosen[existing].Evidence + "; " + evidence };
                else
                    chosen.Add(new SelectedLoss(pick.Expression, false, evidence, scores.Where(s => s.Expression == pick.Expression).ToList()));
            }
        }
        return chosen;
    }

    private static List<SelectedLoss> ByMeanRank(List<ScoredLoss> scores, List<string> groups, int k, Func<string, bool> isBaseline)
    {
        var losses = scores.Select(s => s.Expression).Where(e => !isBaseline(e)).Distinct().ToList();
        if (losses.Count < k)
            throw new InvalidInputException($"k: {k} is more than the {losses.Count} distinct candidate losses");
        var ranks = losses.ToDictionary(l => l, _ => new List<double>());
        foreach (var group in groups)
        {
            var inGroup = scores.Where(s => s.Group == group && !isBaseline(s.Expression)).ToList();
            foreach (var loss in losses)
            {
                var mine = inGroup.FirstOrDefault(s => s.Expression == loss);
                // Rank 1 is best; ties share their average rank; absent losses rank after everyone present.
                ranks[loss].Add(mine is null
                    ? inGroup.Count + 1
                    : 1 + inGroup.Count(s => s.Score > mine.Score) + (inGroup.Count(s => s.Score == mine.Score) - 1) / 2.0);
            }
        }
        return losses
            .Select(l => (Loss: l, MeanRank: ranks[l].Average(), MeanScore: scores.Where(s => s.Expression == l).Average(s => s.Score)))
            .OrderBy(x => x.MeanRank).ThenByDescending(x => x.MeanScore).ThenBy(x => x.Loss, StringComparer.Ordinal)
            .Take(k)
            .Select((x, i) => new SelectedLoss(x.Loss, false,
                string.Format(CultureInfo.InvariantCulture, "overall rank {0}: mean rank {1:F2} over {2} groups", i + 1, x.MeanRank, groups.Count),
                scores.Where(s => s.Expression == x.Loss).ToList()))
            .ToList();
    }

    private static List<SelectedLoss> BeatingBaseline(List<ScoredLoss> scores, int k, Func<string, bool> isBaseline)
    {
        var baseline = scores.Where(s => isBaseline(s.Expression)).ToDictionary(s => s.Group, s => s.Score);
        if (baseline.Count == 0)
            throw new InvalidInputException("rule: beats-baseline needs scores of the baseline loss, and none of the candidates is the baseline");
        return scores
            .Where(s => !isBaseline(s.Expression) && baseline.ContainsKey(s.Group))
            .GroupBy(s => s.Expression)
            .Select(g => (Loss: g.Key, Margin: g.Average(s => s.Score - baseline[s.Group]), Wins: g.Count(s => s.Score > baseline[s.Group]), Groups: g.Count(), Scores: g.ToList()))
            .Where(x => x.Margin > 0)
            .OrderByDescending(x => x.Margin).ThenBy(x => x.Loss, StringComparer.Ordinal)
            .Take(k)
            .Select(x => new SelectedLoss(x.Loss, false,
                string.Format(CultureInfo.InvariantCulture, "beats the baseline by {0:+0.0000} on average, in {1} of {2} groups", x.Margin, x.Wins, x.Groups),
                x.Scores))
            .ToList();
    }
}
