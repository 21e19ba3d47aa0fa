using LossSearch.Learning.Search;
using LossSearch.Learning.Training;
using LossSearch.Workflows.Activities;

namespace LossSearch.Activities.Funnel;

/// <summary>Turns Learning's progress reports into the engine's (progress fraction, message, heartbeat).</summary>
internal static class ActivityProgressBridge
{
    /// <summary>Search progress within one of <paramref name="searches"/> searches (the <paramref name="index"/>-th).</summary>
    public static IProgress<SearchProgress> ForSearch(ActivityContext context, int index, int searches, string label) =>
        new Throttled<SearchProgress>(p => p.Phase, p => context.Progress.Report(new ActivityProgress(
            (index + (double)p.Applied / Math.Max(1, p.Total)) / searches,
            $"{label}: {p.Phase} {p.Applied}/{p.Total}, best {p.BestFitness:F4}")));

    public static IProgress<GridProgress> ForGrid(ActivityContext context) =>
        new Throttled<GridProgress>(p => p.Done, p =>
        {
            double within = p.Training is { } t && t.TotalSteps > 0 ? (double)t.GlobalStep / t.TotalSteps : 0;
            string current = p.Current is { } u ? $"{u.Loss} on {u.Dataset} with {u.Augmentation}, seed {u.Seed}" : "done";
            string step = p.Training is { } s ? $" (epoch {s.Epoch}/{s.Epochs}, step {s.GlobalStep}/{s.TotalSteps})" : "";
            context.Progress.Report(new ActivityProgress((p.Done + within) / Math.Max(1, p.Total), $"unit {Math.Min(p.Done + 1, p.Total)}/{p.Total}: {current}{step}"));
        });

    /// <summary>
    /// Passes at most one report every two seconds (the store is written on each), except that a
    /// change of milestone (next unit, next phase) is always passed at once.
    /// </summary>
    private sealed class Throttled<T>(Func<T, object> milestone, Action<T> report) : IProgress<T>
    {
        private DateTime _last = DateTime.MinValue;
        private object? _milestone;

        public void Report(T value)
        {
            var now = DateTime.UtcNow;
            var current = milestone(value);
            if (now - _last < TimeSpan.FromSeconds(2) && Equals(current, _milestone)) return;
            _last = now;
            _milestone = current;
            report(value);
        }
    }
}
