using LossSearch.Learning.Search;
using LossSearch.Learning.Training;
using LossSearch.Workflows.Activities;

namespace LossSearch.Activities.Funnel;

/// <summary>Turns Learning's progress reports into the engine's (progress fraction, message, heartbeat).</summary>
internal static class ActivityProgressBridge
{
    /// <summary>
    /// Progress of one of <paramref name="searches"/> searches (the <paramref name="index"/>-th): after each
    /// applied candidate, and while a candidate trains (so that a training of many minutes keeps the
    /// activity's heartbeat and is not taken for a stall).
    /// </summary>
    public static (IProgress<SearchProgress> Search, IProgress<TrainingProgress> Training) ForSearch(ActivityContext context, int index, int searches, string label)
    {
        double fraction = (double)index / searches;
        var search = new Throttled<SearchProgress>(p => p.Phase, p =>
        {
            fraction = (index + (double)p.Applied / Math.Max(1, p.Total)) / searches;
            context.Progress.Report(new ActivityProgress(fraction, $"{label}: {p.Phase} {p.Applied}/{p.Total}, best {p.BestFitness:F4}"));
        });
        var training = new Throttled<TrainingProgress>(_ => 0, t => context.Progress.Report(new ActivityProgress(
            fraction, $"{label}: training a candidate, step {t.GlobalStep}/{t.TotalSteps}")));
        return (search, training);
    }

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

        private readonly Lock _gate = new();

        public void Report(T value)
        {
            var now = DateTime.UtcNow;
            var current = milestone(value);
            lock (_gate)
            {
                if (now - _last < TimeSpan.FromSeconds(2) && Equals(current, _milestone)) return;
                _last = now;
                _milestone = current;
            }
            report(value);
        }
    }
}
