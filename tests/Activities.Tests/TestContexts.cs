using LossSearch.Workflows.Activities;
using Serilog;

namespace LossSearch.Activities.Tests;

/// <summary>An <see cref="ActivityContext"/> for running one activity outside the engine, recording its progress.</summary>
internal sealed class TestContexts
{
    public List<ActivityProgress> Reports { get; } = [];

    /// <summary>Called on the reporting thread with each progress report, e.g. to cancel at an exact point.</summary>
    public Action<ActivityProgress>? OnReport { get; init; }

    public ActivityContext For(string activityId, string folder, CancellationToken cancellation = default, int attempt = 1) =>
        new(new ActivityExecutionInfo("test-instance", activityId, "test", 1, attempt, false, attempt > 1),
            Directory.CreateDirectory(Path.Combine(folder, activityId)).FullName,
            progress =>
            {
                if (progress is { } p)
                {
                    lock (Reports) Reports.Add(p);
                    OnReport?.Invoke(p);
                }
                return Task.CompletedTask;
            },
            new LoggerConfiguration().CreateLogger(),
            cancellation);

    public static string NewFolder(string name) => Directory.CreateTempSubdirectory(name).FullName;
}
