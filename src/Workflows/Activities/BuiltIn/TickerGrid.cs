using System.Globalization;
using System.Text.Json;

namespace LossSearch.Workflows.Activities.BuiltIn;

/// <summary>
/// A fan-out of tickers: <see cref="Items"/> work items, each counting ticks in its own checkpoint
/// folder and continuing from its last tick when recovered. It exercises fan-out, cluster failover and
/// gpu slots without any science (it sits in the gpu group so that <c>--gpu-slots</c> caps it).
/// </summary>
[Activity(Category = "Engine", ExecutionGroup = "gpu",
    Description = "Work items that each count ticks, checkpointing after each; every item resumes from its last checkpoint.")]
public sealed class TickerGrid : FanOutActivity
{
    [Input(Description = "Number of work items.", Minimum = 0)] public int Items { get; set; } = 4;
    [Input(Description = "Ticks per item.", Minimum = 0)] public int Ticks { get; set; } = 10;
    [Input(Description = "Milliseconds between ticks.", Minimum = 0)] public int IntervalMs { get; set; } = 100;

    [Output(Description = "Per item, in item order: ticks counted.")] public List<int> Counted { get; set; } = [];
    [Output(Description = "Per item, in item order: the tick its last attempt started from (0 for a fresh run).")] public List<int> StartedFrom { get; set; } = [];

    public sealed record ItemResult(int Index, int Counted, int StartedFrom);

    public override IReadOnlyList<string> WorkItems() => Enumerable.Range(0, Items).Select(i => $"item-{i}").ToList();

    public override async Task<JsonElement> RunWorkItemAsync(int index, ActivityContext context)
    {
        string folder = Path.Combine(context.CheckpointDirectory, $"item-{index}");
        Directory.CreateDirectory(folder);
        string checkpoint = Path.Combine(folder, Ticker.CheckpointFile);
        int tick = File.Exists(checkpoint) && int.TryParse(File.ReadAllText(checkpoint), CultureInfo.InvariantCulture, out int t) ? t : 0;
        int startedFrom = tick;
        if (tick > 0) context.Logger.Information("Ticker item {Index} resuming from tick {Tick}", index, tick);
        while (tick < Ticks)
        {
            await Task.Delay(IntervalMs, context.CancellationToken);
            tick++;
            AtomicFile.WriteAllText(checkpoint, tick.ToString(CultureInfo.InvariantCulture));
            await context.ReportProgressAsync((double)tick / Ticks, $"item {index}: tick {tick}/{Ticks}");
        }
        return JsonSerializer.SerializeToElement(new ItemResult(index, tick, startedFrom), ValueJson.Options);
    }

    public override void Gather(IReadOnlyList<JsonElement> results)
    {
        var items = results.Select(r => r.Deserialize<ItemResult>(ValueJson.Options)!).ToList();
        Counted = items.Select(i => i.Counted).ToList();
        StartedFrom = items.Select(i => i.StartedFrom).ToList();
    }
}
