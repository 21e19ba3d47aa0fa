namespace LossSearch.Workflows.Definitions;

/// <summary>
/// The flowchart as a graph: an activity is ready once every activity with a connection into it is
/// done, so parallel branches fork naturally and joins wait for all their inputs.
/// </summary>
public sealed class DefinitionGraph
{
    private readonly Dictionary<string, List<string>> _predecessors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _successors = new(StringComparer.Ordinal);

    public DefinitionGraph(Flowchart flowchart)
    {
        foreach (var activity in flowchart.Activities)
        {
            _predecessors.TryAdd(activity.Id, []);
            _successors.TryAdd(activity.Id, []);
        }
        foreach (var connection in flowchart.Connections)
        {
            if (!_predecessors.ContainsKey(connection.Target.Activity) || !_successors.ContainsKey(connection.Source.Activity)) continue;
            _predecessors[connection.Target.Activity].Add(connection.Source.Activity);
            _successors[connection.Source.Activity].Add(connection.Target.Activity);
        }
    }

    public IReadOnlyList<string> ActivityIds => _predecessors.Keys.ToList();
    public IReadOnlyList<string> Predecessors(string activityId) => _predecessors[activityId];
    public IReadOnlyList<string> Successors(string activityId) => _successors[activityId];
    public IReadOnlyList<string> StartActivities => _predecessors.Where(p => p.Value.Count == 0).Select(p => p.Key).ToList();

    /// <summary>Activities not yet done whose predecessors are all done.</summary>
    public IReadOnlyList<string> Ready(IReadOnlySet<string> done) =>
        _predecessors.Where(p => !done.Contains(p.Key) && p.Value.All(done.Contains)).Select(p => p.Key).ToList();

    /// <summary>True when <paramref name="ancestor"/> is done before <paramref name="activityId"/> can start.</summary>
    public bool PrecedesTransitively(string ancestor, string activityId)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(_predecessors[activityId]);
        while (stack.TryPop(out var next))
        {
            if (next == ancestor) return true;
            if (seen.Add(next)) foreach (var p in _predecessors[next]) stack.Push(p);
        }
        return false;
    }

    /// <summary>An activity on a cycle, or null when the graph is acyclic (Kahn's algorithm).</summary>
    public string? FindCycleMember()
    {
        var indegree = _predecessors.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal);
        var queue = new Queue<string>(indegree.Where(d => d.Value == 0).Select(d => d.Key));
        int visited = 0;
        while (queue.TryDequeue(out var node))
        {
            visited++;
            foreach (var successor in _successors[node])
                if (--indegree[successor] == 0) queue.Enqueue(successor);
        }
        return visited == indegree.Count ? null : indegree.First(d => d.Value > 0).Key;
    }
}
