using LossSearch.Workflows.Persistence;
using LossSearch.Workflows.Tests.Support;

namespace LossSearch.Workflows.Tests.Runtime;

public class ExecutionGroupTests : IDisposable
{
    private readonly EngineFixture _fixture = new();

    private const string ThreeSolos = """
    {
      "definitionId": "solos",
      "root": {
        "activities": [ { "id": "s1", "type": "Solo" }, { "id": "s2", "type": "Solo" }, { "id": "s3", "type": "Solo" } ]
      }
    }
    """;

    /// <summary>Spans between each activity's start and completion in journal order.</summary>
    private static int MaxOverlap(Instances.InstanceView view)
    {
        int running = 0, max = 0;
        foreach (var entry in view.Journal)
        {
            if (entry.Event == JournalEvents.ActivityStarted) max = Math.Max(max, ++running);
            else if (entry.Event == JournalEvents.ActivityCompleted) running--;
        }
        return max;
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task GroupLimitOfOneRunsParallelBranchesOneAtATime(string store)
    {
        _fixture.Use(store);
        await using var engine = await _fixture.StartAsync(_fixture.Options with { ExecutionGroupLimits = new Dictionary<string, int> { ["solo"] = 1 } });
        string id = await engine.TriggerAsync(EngineFixture.Parse(ThreeSolos));
        var view = await engine.WaitAsync(id, TimeSpan.FromMilliseconds(50));
        Assert.Equal("Finished", view.SubStatus);
        Assert.Equal(1, MaxOverlap(view));
    }

    [Theory, MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task WithoutALimitParallelBranchesOverlap(string store)
    {
        _fixture.Use(store);
        await using var engine = await _fixture.StartAsync();
        string id = await engine.TriggerAsync(EngineFixture.Parse(ThreeSolos));
        var view = await engine.WaitAsync(id, TimeSpan.FromMilliseconds(50));
        Assert.Equal("Finished", view.SubStatus);
        Assert.True(MaxOverlap(view) >= 2);
    }

    public void Dispose() => _fixture.Dispose();
}
