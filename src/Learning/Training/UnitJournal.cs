using System.Text.Json;

namespace LossSearch.Learning.Training;

/// <summary>
/// A grid unit's own journal, <c>journal.jsonl</c> in its folder (shared by every node): one line when
/// an attempt starts, with the newest checkpoint it finds, and one when it finishes, with the point the
/// trainer really continued from. A unit cut off by a node's death thus shows an attempt without an
/// end, then one that started from a later epoch.
/// </summary>
public static class UnitJournal
{
    public const string FileName = "journal.jsonl";
    public const string Started = "started";
    public const string Finished = "finished";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One line: <see cref="Event"/> is <see cref="Started"/> (epoch and step of the newest checkpoint, 0 when none) or <see cref="Finished"/> (epoch and step resumed from, and the status).</summary>
    public sealed record Entry(DateTimeOffset At, string Event, int Epoch, long Step, string? Status = null);

    public static void RecordStart(string unitFolder, TrainingCheckpoints checkpoints)
    {
        var latest = checkpoints.Entries is { Count: > 0 } entries ? entries[^1] : null;
        Append(unitFolder, new Entry(DateTimeOffset.UtcNow, Started, Math.Max(0, latest?.Epoch ?? 0), latest?.GlobalStep ?? 0));
    }

    public static void RecordFinish(string unitFolder, TrainingResult result) =>
        Append(unitFolder, new Entry(DateTimeOffset.UtcNow, Finished, result.ResumedFromEpoch, result.ResumedFromStep, result.Status.ToString()));

    public static IReadOnlyList<Entry> Read(string unitFolder)
    {
        string path = Path.Combine(unitFolder, FileName);
        if (!File.Exists(path)) return [];
        return File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Entry>(l, Json)!).ToList();
    }

    private static void Append(string unitFolder, Entry entry)
    {
        Directory.CreateDirectory(unitFolder);
        File.AppendAllText(Path.Combine(unitFolder, FileName), JsonSerializer.Serialize(entry, Json) + "\n");
    }
}
