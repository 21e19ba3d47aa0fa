using System.Globalization;

namespace LossSearch.Workflows.Activities.BuiltIn;

/// <summary>
/// Counts ticks, checkpointing after each one; a recovered or resumed run continues from its last
/// checkpointed tick. It exercises the engine's durability (progress, heartbeats, recovery, stall,
/// cancel) without any science.
/// </summary>
[Activity(Category = "Engine", Description = "Counts ticks at a fixed interval, checkpointing after each; resumes from the last checkpoint.")]
public sealed class Ticker : Activity
{
    public const string CheckpointFile = "ticks.txt";

    [Input(Description = "How many ticks to count.", Minimum = 0)]
    public int Ticks { get; set; } = 10;

    [Input(Description = "Milliseconds between ticks.", Minimum = 0)]
    public int IntervalMs { get; set; } = 100;

    [Input(Description = "Stop reporting heartbeats after this many ticks and hang (for stall tests); -1 never.", Minimum = -1)]
    public int HangAfter { get; set; } = -1;

    [Output(Description = "Ticks counted, including those of earlier attempts.")]
    public int Counted { get; set; }

    [Output(Description = "The tick the last attempt started from (0 for a fresh run).")]
    public int StartedFrom { get; set; }

    public override async Task ExecuteAsync(ActivityContext context)
    {
        string checkpoint = Path.Combine(context.CheckpointDirectory, CheckpointFile);
        int tick = ReadCheckpoint(checkpoint);
        StartedFrom = tick;
        if (tick > 0) context.Logger.Information("Ticker resuming from tick {Tick}", tick);
        while (tick < Ticks)
        {
            if (HangAfter >= 0 && tick >= HangAfter && !context.IsContinuation)
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            await Task.Delay(IntervalMs, context.CancellationToken);
            tick++;
            AtomicFile.WriteAllText(checkpoint, tick.ToString(CultureInfo.InvariantCulture));
            await context.ReportProgressAsync((double)tick / Ticks, $"tick {tick}/{Ticks}");
        }
        Counted = tick;
    }

    private static int ReadCheckpoint(string path) =>
        File.Exists(path) && int.TryParse(File.ReadAllText(path), CultureInfo.InvariantCulture, out int tick) ? tick : 0;
}
