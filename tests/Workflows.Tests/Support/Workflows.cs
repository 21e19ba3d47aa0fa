namespace LossSearch.Workflows.Tests.Support;

/// <summary>Definitions the tests run.</summary>
public static class Workflows
{
    /// <summary>a → (b, c) → d: a parallel branch and a join, outputs flowing by reference.</summary>
    public const string ForkJoin = """
    {
      "definitionId": "fork-join",
      "name": "Fork and join",
      "root": {
        "type": "Flowchart",
        "activities": [
          { "id": "a", "type": "Echo", "inputs": { "text": "seed" }, "metadata": { "designer": { "position": { "x": 0, "y": 0 } } } },
          { "id": "b", "type": "Echo", "inputs": { "text": { "from": "a", "output": "result" } } },
          { "id": "c", "type": "Ticker", "inputs": { "ticks": 3, "intervalMs": 20 } },
          { "id": "d", "type": "Tally", "inputs": { "label": { "from": "b", "output": "result" }, "count": { "from": "c", "output": "counted" } } }
        ],
        "connections": [
          { "source": { "activity": "a", "port": "Done" }, "target": { "activity": "b", "port": "In" } },
          { "source": { "activity": "a", "port": "Done" }, "target": { "activity": "c", "port": "In" } },
          { "source": { "activity": "b", "port": "Done" }, "target": { "activity": "d", "port": "In" } },
          { "source": { "activity": "c", "port": "Done" }, "target": { "activity": "d", "port": "In" } }
        ]
      }
    }
    """;

    public static string SingleTicker(string id, int ticks, int intervalMs, int hangAfter = -1) => $$"""
    {
      "definitionId": "{{id}}",
      "root": { "activities": [ { "id": "tick", "type": "Ticker", "inputs": { "ticks": {{ticks}}, "intervalMs": {{intervalMs}}, "hangAfter": {{hangAfter}} } } ] }
    }
    """;

    public static string Single(string id, string type, string inputs = "{}") => $$"""
    { "definitionId": "{{id}}", "root": { "activities": [ { "id": "only", "type": "{{type}}", "inputs": {{inputs}} } ] } }
    """;
}
