namespace LossSearch.Learning.Losses;

/// <summary>A loss as duplicate detection sees it: its canonical text and its phenotype.</summary>
public sealed record LossCandidate(string Canonical, Phenotype Phenotype);

public enum DuplicateKind
{
    /// <summary>The canonical texts are equal.</summary>
    SameText,
    /// <summary>The phenotypes lie within <see cref="Phenotype.DuplicateDistance"/>.</summary>
    SamePhenotype,
}

/// <summary>The population member a candidate duplicates, and why.</summary>
public sealed record DuplicateMatch(int Index, DuplicateKind Kind, double Distance);

/// <summary>Duplicate detection of one candidate against a whole population at once.</summary>
public static class DuplicateCheck
{
    /// <summary>
    /// The first member with the same canonical text, else the member with the nearest phenotype
    /// when it lies within <paramref name="maxDistance"/>; null when the candidate is new.
    /// </summary>
    public static DuplicateMatch? Find(LossCandidate candidate, IReadOnlyList<LossCandidate> population,
        double maxDistance = Phenotype.DuplicateDistance)
    {
        for (int i = 0; i < population.Count; i++)
            if (population[i].Canonical == candidate.Canonical)
                return new DuplicateMatch(i, DuplicateKind.SameText, candidate.Phenotype.DistanceTo(population[i].Phenotype));
        int nearest = -1;
        double best = double.PositiveInfinity;
        for (int i = 0; i < population.Count; i++)
        {
            double distance = candidate.Phenotype.DistanceTo(population[i].Phenotype);
            if (distance < best)
                (best, nearest) = (distance, i);
        }
        return nearest >= 0 && best <= maxDistance ? new DuplicateMatch(nearest, DuplicateKind.SamePhenotype, best) : null;
    }
}
