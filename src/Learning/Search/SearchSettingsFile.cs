using System.Text.Json;
using System.Text.Json.Nodes;
using LossSearch.Learning.Data;
using LossSearch.Learning.IO;

namespace LossSearch.Learning.Search;

/// <summary>
/// <c>search.json</c>: the settings a search folder was started with. Resuming with different
/// settings would mix two searches in one history, so it is refused, naming the setting that differs.
/// </summary>
public static class SearchSettingsFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void EnsureMatches(string path, SearchSettings settings)
    {
        var wanted = JsonSerializer.SerializeToNode(settings, Json)!;
        if (!File.Exists(path))
        {
            AtomicFile.Write(path, s => JsonSerializer.Serialize(s, wanted, Json));
            return;
        }
        JsonNode? existing;
        try
        {
            existing = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"{path}: not a settings file ({e.Message})", e);
        }
        if (FirstDifference(existing, wanted, "") is { } difference)
            throw new InvalidInputException(
                $"{Path.GetDirectoryName(path)} holds a search with different settings: '{difference.Path}' is {difference.Old} there, {difference.New} now. Use another output folder.");
    }

    private static (string Path, string Old, string New)? FirstDifference(JsonNode? old, JsonNode? now, string path)
    {
        if (old is JsonObject oldObject && now is JsonObject nowObject)
        {
            foreach (var (key, value) in nowObject)
                if (FirstDifference(oldObject[key], value, path.Length == 0 ? key : $"{path}.{key}") is { } d) return d;
            foreach (var (key, value) in oldObject)
                if (!nowObject.ContainsKey(key)) return (path.Length == 0 ? key : $"{path}.{key}", value?.ToJsonString() ?? "null", "absent");
            return null;
        }
        string a = old?.ToJsonString() ?? "null", b = now?.ToJsonString() ?? "null";
        return a == b ? null : (path, a, b);
    }
}
