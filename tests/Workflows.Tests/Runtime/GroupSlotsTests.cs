using LossSearch.Workflows.Runtime;

namespace LossSearch.Workflows.Tests.Runtime;

public class GroupSlotsTests
{
    private sealed class Scope(List<string> log, string name) : IDisposable
    {
        public void Dispose() => log.Add("end " + name);
    }

    [Fact]
    public void EachRunningJobHoldsTheLowestFreeSlotOfItsGroupAndItsScope()
    {
        var log = new List<string>();
        var slots = new GroupSlots(new Dictionary<string, int> { ["gpu"] = 2 }, (group, slot) =>
        {
            log.Add($"start {group}:{slot}");
            return new Scope(log, $"{group}:{slot}");
        });
        var first = slots.Take("gpu");
        var second = slots.Take("gpu");
        Assert.Equal(["start gpu:0", "start gpu:1"], log);
        first!.Dispose();
        var third = slots.Take("gpu");
        Assert.Equal(["start gpu:0", "start gpu:1", "end gpu:0", "start gpu:0"], log);
        Assert.Equal(2, slots.SlotsTaken("gpu"));
        Assert.Null(slots.Take("cpu"));
        Assert.Null(slots.Take(null));
        second!.Dispose();
        third!.Dispose();
        Assert.Equal(0, slots.SlotsTaken("gpu"));
    }
}
