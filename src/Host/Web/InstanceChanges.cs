using System.Net.ServerSentEvents;
using System.Text.Json;
using LossSearch.Workflows.Instances;

namespace LossSearch.Host.Web;

/// <summary>
/// Turns successive reads of an instance into the few events a watching page needs: one <c>snapshot</c>
/// first, then <c>instance</c> (status), <c>activity</c> (one changed activity), <c>incident</c> and
/// <c>journal</c> (new entries only).
/// </summary>
public sealed class InstanceChanges
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private InstanceView? _last;
    private readonly Dictionary<string, string> _activities = [];

    public IReadOnlyList<SseItem<string>> Next(InstanceView view)
    {
        var events = new List<SseItem<string>>();
        if (_last is null)
        {
            events.Add(Item("snapshot", view));
        }
        else
        {
            if (view.Status != _last.Status || view.SubStatus != _last.SubStatus || view.FinishedAt != _last.FinishedAt)
                events.Add(Item("instance", new { view.Status, view.SubStatus, view.UpdatedAt, view.FinishedAt }));
            foreach (var activity in view.Activities)
                if (!_activities.TryGetValue(activity.ActivityId, out var before) || before != JsonSerializer.Serialize(activity, Json))
                    events.Add(Item("activity", activity));
            events.AddRange(view.Incidents.Skip(_last.Incidents.Count).Select(i => Item("incident", i)));
            events.AddRange(view.Journal.Skip(_last.Journal.Count).Select(j => Item("journal", j)));
        }
        _last = view;
        foreach (var activity in view.Activities) _activities[activity.ActivityId] = JsonSerializer.Serialize(activity, Json);
        return events;
    }

    private static SseItem<string> Item(string type, object payload) => new(JsonSerializer.Serialize(payload, Json), type);
}
