using System.Globalization;
using LossSearch.Learning.Training;
using LossSearch.Workflows.Instances;
using LossSearch.Workflows.Persistence;

namespace LossSearch.Host.Bench;

/// <summary>
/// What one clustered run of a training grid cost, from its journal and its units' results:
/// <list type="bullet">
/// <item>wall time from the items being queued to the last item's completion, and units per hour;</item>
/// <item>per work item the dispatch wait: from the moment it could have started (queued, or its node's
/// previous item done, whichever is later) to its start on that node; the scheduling overhead a node
/// with one slot sees between items;</item>
/// <item>per work item the time outside training: its start to its completion minus its epochs' own
/// time (opening the dataset, building the model, writing the result and the store's updates).</item>
/// </list>
/// </summary>
public sealed record ClusterTimings(int Units, double WallSeconds, double UnitsPerHour,
    double MeanDispatchWaitSeconds, double MaxDispatchWaitSeconds, double MeanTrainingSeconds, double MeanOutsideTrainingSeconds, int Nodes)
{
    public static ClusterTimings Of(IReadOnlyList<JournalEntryView> journal, string activityId, IReadOnlyList<GridUnitResult> results)
    {
        var entries = journal.Where(j => j.ActivityId == activityId).OrderBy(j => j.At).ToList();
        var queued = entries.First(j => j.Event == JournalEvents.WorkItemsQueued).At;
        var started = entries.Where(j => j.Event == JournalEvents.WorkItemStarted).Select(Parse).ToList();
        var completed = entries.Where(j => j.Event == JournalEvents.WorkItemCompleted).Select(Parse).ToList();
        if (started.Count == 0 || completed.Count != results.Count)
            throw new InvalidOperationException($"{activityId}: {completed.Count} of {results.Count} work items completed");

        var waits = started.Select(s =>
        {
            var previous = completed.Where(c => c.Node == s.Node && c.At <= s.At).Select(c => c.At).DefaultIfEmpty(queued).Max();
            var ready = previous > queued ? previous : queued;
            return (s.At - ready).TotalSeconds;
        }).ToList();
        var training = results.Select(r => r.History.Sum(e => e.Seconds)).ToList();
        var outside = completed.Select(c =>
        {
            var start = started.Where(s => s.Index == c.Index && s.At <= c.At).Max(s => s.At);
            return (c.At - start).TotalSeconds - training[c.Index];
        }).ToList();
        double wall = (completed.Max(c => c.At) - queued).TotalSeconds;
        return new ClusterTimings(results.Count, wall, results.Count / wall * 3600, waits.Average(), waits.Max(), training.Average(), outside.Average(),
            started.Select(s => s.Node).Distinct().Count());
    }

    /// <summary>A work-item entry's detail: <c>#INDEX LABEL on NODE</c>.</summary>
    private static (int Index, string Node, DateTimeOffset At) Parse(JournalEntryView entry)
    {
        string detail = entry.Detail ?? "";
        int space = detail.IndexOf(' ');
        int on = detail.LastIndexOf(" on ", StringComparison.Ordinal);
        if (!detail.StartsWith('#') || space < 0 || on < 0)
            throw new InvalidOperationException($"journal entry {entry.Event} has no work item detail: '{detail}'");
        return (int.Parse(detail[1..space], CultureInfo.InvariantCulture), detail[(on + 4)..], entry.At);
    }
}
