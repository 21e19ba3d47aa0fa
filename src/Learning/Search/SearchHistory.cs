using System.Text;
using System.Text.Json;

namespace LossSearch.Learning.Search;

/// <summary>
/// The append-only JSON-lines file of every candidate a search produced. A resumed search reopens it
/// at the length its checkpoint recorded, dropping lines written after that checkpoint (they are
/// produced again, identically, by the resumed run).
/// </summary>
public sealed class SearchHistory : IDisposable
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private readonly FileStream _file;

    private SearchHistory(FileStream file) => _file = file;

    public string Path => _file.Name;
    public long Length => _file.Length;

    /// <summary>Opens (or creates) the history and cuts it to <paramref name="validLength"/> bytes.</summary>
    public static SearchHistory Open(string path, long validLength)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        long length = file.Length;
        if (length < validLength)
        {
            file.Dispose();
            throw new InvalidInputException($"{path}: history is {length} bytes, shorter than the {validLength} its checkpoint recorded");
        }
        file.SetLength(validLength);
        file.Seek(0, SeekOrigin.End);
        return new SearchHistory(file);
    }

    public void Append(CandidateRecord record)
    {
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, JsonOptions) + "\n");
        _file.Write(line);
        _file.Flush(flushToDisk: true);
    }

    /// <summary>Reads every record; a malformed line is reported with its number.</summary>
    public static IEnumerable<CandidateRecord> Read(string path)
    {
        int number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0) continue;
            CandidateRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<CandidateRecord>(line, JsonOptions);
            }
            catch (JsonException e)
            {
                throw new InvalidInputException($"{path}:{number}: not a candidate record ({e.Message})", e);
            }
            yield return record ?? throw new InvalidInputException($"{path}:{number}: empty record");
        }
    }

    public void Dispose() => _file.Dispose();
}
