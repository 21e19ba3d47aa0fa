using LossSearch.Learning.Search;

namespace LossSearch.Learning.Tests.Search;

public class AgingPopulationTests
{
    [Fact]
    public void OldestLeavesFirst()
    {
        var population = new AgingPopulation([new(1, "a", 0.9, 1), new(2, "b", 0.1, 2), new(3, "c", 0.5, 3)]);
        var removed = population.Replace(new(4, "d", 0.2, 4));
        Assert.Equal(1, removed.CandidateId);
        Assert.Equal([2L, 3, 4], population.Members.Select(m => m.CandidateId).Order());
    }

    [Fact]
    public void AmongEquallyOldTheLeastFitLeaves()
    {
        var population = new AgingPopulation([new(1, "a", 0.9, 0), new(2, "b", 0.1, 0), new(3, "c", 0.5, 0)]);
        Assert.Equal(2, population.Replace(new(4, "d", 0.2, 1)).CandidateId);
        Assert.Equal(3, population.Replace(new(5, "e", 0.2, 2)).CandidateId);
        Assert.Equal(1, population.Replace(new(6, "f", 0.2, 3)).CandidateId);
        Assert.Equal(4, population.Replace(new(7, "g", 0.2, 4)).CandidateId);
    }

    [Fact]
    public void TournamentPicksTheFittestOfTheSample()
    {
        var population = new AgingPopulation([new(1, "a", 0.3, 0), new(2, "b", 0.8, 0), new(3, "c", 0.5, 0)]);
        var draws = new Queue<int>([0, 2, 0]);
        Assert.Equal(3, population.SelectParent(_ => draws.Dequeue(), 3).CandidateId);
        Assert.Equal(2, population.SelectParent(_ => 1, 1).CandidateId);
    }

    [Fact]
    public void TournamentSelectionFavoursFitnessStatistically()
    {
        // With sample size s from n members, the best is chosen with probability 1 − (1 − 1/n)^s.
        var members = Enumerable.Range(0, 10).Select(i => new PopulationMember(i, $"m{i}", i / 10.0, 0)).ToList();
        var population = new AgingPopulation(members);
        var random = new Random(3);
        int trials = 20_000, bestChosen = 0;
        for (int t = 0; t < trials; t++)
            if (population.SelectParent(random.Next, 5).CandidateId == 9) bestChosen++;
        double expected = 1 - Math.Pow(0.9, 5);
        Assert.InRange(bestChosen / (double)trials, expected - 0.015, expected + 0.015);
    }

    [Fact]
    public void MedianOfEvenAndOddCounts()
    {
        Assert.Equal(0.5, new AgingPopulation([new(1, "a", 0.3, 0), new(2, "b", 0.5, 0), new(3, "c", 0.9, 0)]).MedianFitness(), 12);
        Assert.Equal(0.4, new AgingPopulation([new(1, "a", 0.3, 0), new(2, "b", 0.5, 0)]).MedianFitness(), 12);
    }
}
