namespace LossSearch.Workflows.Runtime;

/// <summary>
/// The numbered slots of this process's limited execution groups: Quartz caps how many jobs of a group
/// run here, and each running job holds the lowest free slot number, so that slot i of <c>gpu</c> can
/// use <c>cuda:i</c> (<see cref="WorkflowEngineOptions.SlotScope"/>).
/// </summary>
internal sealed class GroupSlots(IReadOnlyDictionary<string, int> limits, Func<string, int, IDisposable?>? scope)
{
    private readonly Dictionary<string, SortedSet<int>> _taken = new(StringComparer.Ordinal);

    /// <summary>Takes a slot of <paramref name="group"/> for the caller's job; null when the group has no limit here.</summary>
    public IDisposable? Take(string? group)
    {
        if (group is null || !limits.TryGetValue(group, out int limit) || limit <= 0) return null;
        int slot;
        lock (_taken)
        {
            var taken = _taken.TryGetValue(group, out var set) ? set : _taken[group] = [];
            slot = Enumerable.Range(0, limit).FirstOrDefault(i => !taken.Contains(i), -1);
            // More jobs than slots only if Quartz's cap was bypassed; share the last slot rather than fail the work.
            if (slot < 0) slot = limit - 1;
            taken.Add(slot);
        }
        return new Held(this, group, slot, scope?.Invoke(group, slot));
    }

    public int SlotsTaken(string group)
    {
        lock (_taken) return _taken.TryGetValue(group, out var set) ? set.Count : 0;
    }

    private void Release(string group, int slot)
    {
        lock (_taken) _taken[group].Remove(slot);
    }

    private sealed class Held(GroupSlots owner, string group, int slot, IDisposable? inner) : IDisposable
    {
        public int Slot => slot;

        public void Dispose()
        {
            inner?.Dispose();
            owner.Release(group, slot);
        }
    }
}
