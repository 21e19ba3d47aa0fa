using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LossSearch.Learning.Data;
using LossSearch.Learning.IO;

namespace LossSearch.Learning.Search;

/// <summary>
/// The search's checkpoint: <c>state.json</c>, its SHA-256 on the last line, written atomically;
/// the one before it kept as <c>state.prev.json</c>. A torn or corrupted newest file falls back to
/// the previous one (and its history length) with a warning.
/// </summary>
public sealed class SearchCheckpoint(string directory)
{
    private const string ShaPrefix = "sha256:";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public string LatestPath => Path.Combine(directory, "state.json");
    public string PreviousPath => Path.Combine(directory, "state.prev.json");

    public void Save(SearchState state)
    {
        string body = JsonSerializer.Serialize(state, Json);
        string content = body + "\n" + ShaPrefix + Hash(body) + "\n";
        if (File.Exists(LatestPath)) File.Copy(LatestPath, PreviousPath, overwrite: true);
        AtomicFile.Write(LatestPath, stream => stream.Write(Encoding.UTF8.GetBytes(content)));
    }

    /// <summary>The newest intact state, or null when there is none; <paramref name="warning"/> says when the newest was unusable.</summary>
    public SearchState? Load(out string? warning)
    {
        warning = null;
        if (!File.Exists(LatestPath) && !File.Exists(PreviousPath)) return null;
        if (TryRead(LatestPath, out var state, out string? problem)) return state;
        warning = $"{LatestPath}: {problem}; using {PreviousPath}";
        if (TryRead(PreviousPath, out state, out string? previousProblem)) return state;
        throw new InvalidInputException($"{LatestPath}: {problem}; {PreviousPath}: {previousProblem}; the search cannot resume");
    }

    private static bool TryRead(string path, out SearchState? state, out string? problem)
    {
        state = null;
        problem = null;
        if (!File.Exists(path)) { problem = "missing"; return false; }
        string content = File.ReadAllText(path);
        int cut = content.LastIndexOf("\n" + ShaPrefix, StringComparison.Ordinal);
        if (cut < 0) { problem = "no SHA-256 line (torn write?)"; return false; }
        string body = content[..cut];
        string recorded = content[(cut + 1 + ShaPrefix.Length)..].Trim();
        if (!string.Equals(recorded, Hash(body), StringComparison.OrdinalIgnoreCase)) { problem = "SHA-256 mismatch (corrupted)"; return false; }
        try
        {
            state = JsonSerializer.Deserialize<SearchState>(body, Json);
        }
        catch (JsonException e)
        {
            problem = $"unreadable state ({e.Message})";
            return false;
        }
        if (state is null) { problem = "empty state"; return false; }
        return true;
    }

    private static string Hash(string body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
}
