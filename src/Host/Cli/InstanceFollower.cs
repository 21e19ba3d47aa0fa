using LossSearch.Workflows;
using LossSearch.Workflows.Instances;
using Spectre.Console;

namespace LossSearch.Host.Cli;

/// <summary>Follows an instance to its end: progress bars per activity on a terminal, silently with --json.</summary>
internal static class InstanceFollower
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public static async Task<InstanceView> FollowAsync(CommandContext context, WorkflowEngine engine, string instanceId, CancellationToken cancellation)
    {
        if (context.Json) return await engine.WaitAsync(instanceId, Poll, cancellation: cancellation);
        InstanceView? last = null;
        await context.Terminal.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var bars = new Dictionary<string, ProgressTask>();
                last = await engine.WaitAsync(instanceId, Poll, view =>
                {
                    foreach (var activity in view.Activities)
                    {
                        if (!bars.TryGetValue(activity.ActivityId, out var bar))
                            bars[activity.ActivityId] = bar = progress.AddTask(activity.ActivityId, maxValue: 1);
                        bar.Value = activity.Progress;
                        bar.Description = Markup.Escape($"{activity.ActivityId} [{activity.Status}] {activity.ProgressMessage}".TrimEnd());
                    }
                }, cancellation);
            });
        return last!;
    }

    /// <summary>Prints the end state: the JSON summary, or a line and any incidents. Returns the exit code.</summary>
    public static int Report(CommandContext context, InstanceView view)
    {
        if (context.Json)
            context.WriteJson(new { instanceId = view.Id, status = view.Status, subStatus = view.SubStatus, artifacts = view.Artifacts });
        else
            context.Terminal.MarkupLine($"Instance [bold]{view.Id}[/] {view.Status}/{Markup.Escape(view.SubStatus)}; artifacts in {Markup.Escape(view.Artifacts)}");
        if (view.SubStatus == "Finished") return ExitCodes.Success;
        foreach (var incident in view.Incidents)
            context.Error.WriteLine($"incident: {incident.ActivityId} attempt {incident.Attempt}: {incident.ExceptionType}: {incident.Message}");
        context.Error.WriteLine($"failed: instance {view.Id} ended {view.SubStatus}; resume it with `losssearch instances resume {view.Id}`");
        return ExitCodes.Failure;
    }
}
