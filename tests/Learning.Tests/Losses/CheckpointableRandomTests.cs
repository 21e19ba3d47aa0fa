using System.Text.Json;
using LossSearch.Learning.Losses;

namespace LossSearch.Learning.Tests.Losses;

public class CheckpointableRandomTests
{
    [Fact]
    public void FirstOutputMatchesTheXoshiro256StarStarDefinition()
    {
        // rotl(s1 · 5, 7) · 9 with s1 = 2: rotl(10, 7) = 1280, · 9 = 11520.
        var random = new CheckpointableRandom(new RandomState(1, 2, 3, 4));
        Assert.Equal(11520UL, random.NextUInt64());
    }

    [Fact]
    public void RestoredStateContinuesTheSameSequenceAfterAJsonRoundTrip()
    {
        var random = new CheckpointableRandom(42);
        for (int i = 0; i < 17; i++) random.NextDouble();
        string saved = JsonSerializer.Serialize(random.State);
        var expected = Enumerable.Range(0, 50).Select(_ => random.Next(1000)).ToList();
        var restored = new CheckpointableRandom(JsonSerializer.Deserialize<RandomState>(saved)!);
        Assert.Equal(expected, Enumerable.Range(0, 50).Select(_ => restored.Next(1000)).ToList());
    }

    [Fact]
    public void NextIsUniformOverItsRange()
    {
        var random = new CheckpointableRandom(5);
        var counts = new int[7];
        for (int i = 0; i < 70_000; i++) counts[random.Next(7)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_600, 10_400));
        Assert.All(Enumerable.Range(0, 1000).Select(_ => random.NextDouble()), d => Assert.InRange(d, 0, 0.9999999999));
    }

    [Fact]
    public void DifferentSeedsGiveDifferentSequences() =>
        Assert.NotEqual(new CheckpointableRandom(1).NextUInt64(), new CheckpointableRandom(2).NextUInt64());

    [Fact]
    public void AllZeroStateIsRefused() =>
        Assert.Throws<InvalidInputException>(() => new CheckpointableRandom(new RandomState(0, 0, 0, 0)));
}
