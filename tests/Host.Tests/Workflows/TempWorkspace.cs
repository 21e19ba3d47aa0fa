namespace LossSearch.Host.Tests.Workflows;

/// <summary>A temporary folder with a database path, an artifacts folder and definition files for one test.</summary>
public sealed class TempWorkspace : IDisposable
{
    public TempWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "losssearch-host-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }
    public string Database => Path.Combine(Root, "losssearch.db");
    public string Artifacts => Path.Combine(Root, "artifacts");

    /// <summary>The configuration that places a child process's database, artifacts and logs here (options it is given win).</summary>
    public Dictionary<string, string> Environment => new()
    {
        ["Workflows__Database"] = Database,
        ["Workflows__Artifacts"] = Artifacts,
        ["Logging__Directory"] = Path.Combine(Root, "logs"),
    };

    /// <summary>The CLI options that place the engine's state here.</summary>
    public string[] EngineArgs => ["--db", Database, "--artifacts", Artifacts];

    public string Write(string name, string contents)
    {
        string path = Path.Combine(Root, name);
        File.WriteAllText(path, contents);
        return path;
    }

    public static string TickerWorkflow(string id, int ticks, int intervalMs) => $$"""
    {
      "definitionId": "{{id}}",
      "name": "Echo then tick",
      "root": {
        "type": "Flowchart",
        "activities": [
          { "id": "hello", "type": "Echo", "inputs": { "text": "hi" } },
          { "id": "tick", "type": "Ticker", "inputs": { "ticks": {{ticks}}, "intervalMs": {{intervalMs}} } }
        ],
        "connections": [ { "source": { "activity": "hello", "port": "Done" }, "target": { "activity": "tick", "port": "In" } } ]
      }
    }
    """;

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
