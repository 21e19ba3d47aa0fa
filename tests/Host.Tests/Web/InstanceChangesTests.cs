using LossSearch.Host.Web;
using LossSearch.Workflows.Instances;

namespace LossSearch.Host.Tests.Web;

public class InstanceChangesTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static InstanceView View(string status, string subStatus, double progress, int journal, int incidents) => new(
        "i", "d", 1, "D", status, subStatus, T, T, null, "/a",
        [new ActivityExecutionView("a", "Ticker", progress >= 1 ? "Completed" : "Running", 1, progress, null, T, T, null, null, "/a/a"),
         new ActivityExecutionView("b", "Echo", "Waiting", 0, 0, null, null, null, null, null, "/a/b")],
        Enumerable.Range(0, incidents).Select(n => new IncidentView("a", 1, "System.Exception", $"boom {n}", T)).ToList(),
        Enumerable.Range(0, journal).Select(n => new JournalEntryView(T, $"E{n}", "a", 1, null)).ToList());

    [Fact]
    public void TheFirstReadIsASnapshotAndLaterReadsSendOnlyWhatChanged()
    {
        var changes = new InstanceChanges();
        Assert.Equal(["snapshot"], changes.Next(View("Running", "Executing", 0.1, 2, 0)).Select(e => e.EventType));
        Assert.Empty(changes.Next(View("Running", "Executing", 0.1, 2, 0)));

        var next = changes.Next(View("Running", "Faulted", 0.5, 4, 1));
        Assert.Equal(["instance", "activity", "incident", "journal", "journal"], next.Select(e => e.EventType));
        Assert.Contains("\"activityId\":\"a\"", next[1].Data);
        Assert.Contains("\"E2\"", next[3].Data);
        Assert.Contains("\"E3\"", next[4].Data);
    }
}
