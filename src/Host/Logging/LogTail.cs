using System.Text.Json;
using System.Text.RegularExpressions;
using LossSearch.Workflows.Logging;

namespace LossSearch.Host.Logging;

/// <summary>One log event from the compact-JSON files, rendered for a page.</summary>
public sealed record LogLine(DateTimeOffset At, string Level, string Message, string? Exception);

/// <summary>
/// The last events of one instance (and optionally one activity) from the rolling <c>.clef</c> files of
/// <see cref="LoggingSetup"/>: newest files first, read while the server keeps writing them.
/// </summary>
public static partial class LogTail
{
    public static IReadOnlyList<LogLine> Read(string folder, string instanceId, string? activityId, int count)
    {
        if (!Directory.Exists(folder)) return [];
        var found = new List<LogLine>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.clef").OrderDescending(StringComparer.Ordinal))
        {
            var lines = ReadShared(file);
            for (int i = lines.Count - 1; i >= 0 && found.Count < count; i--)
                if (Parse(lines[i], instanceId, activityId) is { } line) found.Add(line);
            if (found.Count >= count) break;
        }
        found.Reverse();
        return found;
    }

    private static List<string> ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return lines;
    }

    /// <summary>The event on one line when it belongs to the instance (and activity); null otherwise or when the line is not JSON.</summary>
    public static LogLine? Parse(string json, string instanceId, string? activityId)
    {
        if (!json.Contains(instanceId, StringComparison.Ordinal)) return null;
        JsonElement e;
        try { e = JsonDocument.Parse(json).RootElement; }
        catch (JsonException) { return null; }
        if (Text(e, WorkflowLogProperties.InstanceId) != instanceId) return null;
        if (activityId is not null && Text(e, WorkflowLogProperties.ActivityId) != activityId) return null;
        var at = e.TryGetProperty("@t", out var t) && t.TryGetDateTimeOffset(out var parsed) ? parsed : DateTimeOffset.MinValue;
        string message = Text(e, "@m") ?? Render(Text(e, "@mt") ?? "", e);
        return new LogLine(at, Text(e, "@l") ?? "Information", message, Text(e, "@x"));
    }

    private static string Render(string template, JsonElement e) =>
        Hole().Replace(template, m => e.TryGetProperty(m.Groups[1].Value, out var v)
            ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()
            : m.Value);

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;

    [GeneratedRegex(@"\{@?([A-Za-z0-9_]+)(?:[,:][^}]*)?\}")]
    private static partial Regex Hole();
}
