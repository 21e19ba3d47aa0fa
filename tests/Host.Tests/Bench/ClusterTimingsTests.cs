using LossSearch.Host.Bench;
using LossSearch.Learning.Training;
using LossSearch.Workflows.Instances;

namespace LossSearch.Host.Tests.Bench;

public class ClusterTimingsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static JournalEntryView Entry(double seconds, string @event, string? detail = null) => new(T0.AddSeconds(seconds), @event, "grid", 1, detail);

    private static GridUnitResult Unit(int seed, params double[] epochSeconds) => new("cross-entropy", "synthetic:cifar10", "cutout", seed, "Completed", 0.5, 0.9, 0, 0.5,
        epochSeconds.Select((s, i) => new EpochRecord(i, 1, 0.5, 1, 0.5, 0.9, 0.05, s)).ToList(), null);

    [Fact]
    public void DispatchWaitCountsFromWhenTheNodeWasFreeAndOutsideTrainingIsTheRestOfTheItem()
    {
        // Two nodes, three items: a starts item 0 after 1 s; b starts item 1 after 3 s; a takes item 2 0.5 s after finishing item 0.
        var journal = new List<JournalEntryView>
        {
            Entry(0, "WorkItemsQueued", "3 of 3: 0,1,2"),
            Entry(1, "WorkItemStarted", "#0 k0 on a"),
            Entry(3, "WorkItemStarted", "#1 k1 on b"),
            Entry(11, "WorkItemCompleted", "#0 k0 on a"),
            Entry(11.5, "WorkItemStarted", "#2 k2 on a"),
            Entry(13, "WorkItemCompleted", "#1 k1 on b"),
            Entry(21.5, "WorkItemCompleted", "#2 k2 on a"),
            new(T0.AddSeconds(2), "WorkItemStarted", "other", 1, "#0 x on c"),
        };
        var timings = ClusterTimings.Of(journal, "grid", [Unit(1, 4, 4), Unit(2, 9), Unit(3, 5, 4)]);

        Assert.Equal(3, timings.Units);
        Assert.Equal(2, timings.Nodes);
        Assert.Equal(21.5, timings.WallSeconds, 9);
        Assert.Equal(3 / 21.5 * 3600, timings.UnitsPerHour, 9);
        Assert.Equal((1 + 3 + 0.5) / 3, timings.MeanDispatchWaitSeconds, 9);
        Assert.Equal(3, timings.MaxDispatchWaitSeconds, 9);
        Assert.Equal((8 + 9 + 9) / 3.0, timings.MeanTrainingSeconds, 9);
        Assert.Equal(((10 - 8) + (10 - 9) + (10 - 9)) / 3.0, timings.MeanOutsideTrainingSeconds, 9);
    }

    [Fact]
    public void AGridWithUnfinishedItemsIsRefused()
    {
        var journal = new List<JournalEntryView> { Entry(0, "WorkItemsQueued", "1 of 1: 0"), Entry(1, "WorkItemStarted", "#0 k0 on a") };
        Assert.Throws<InvalidOperationException>(() => ClusterTimings.Of(journal, "grid", [Unit(1, 4)]));
    }
}
