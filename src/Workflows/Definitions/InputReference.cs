using System.Text.Json;

namespace LossSearch.Workflows.Definitions;

/// <summary>An input that takes an earlier activity's output: <c>{"from": "evolve1", "output": "topLosses"}</c>.</summary>
public sealed record InputReference(string From, string Output)
{
    /// <summary>An object with exactly the string members <c>from</c> and <c>output</c> is a reference; anything else is a literal.</summary>
    public static bool TryParse(JsonElement value, out InputReference reference)
    {
        reference = null!;
        if (value.ValueKind != JsonValueKind.Object) return false;
        string? from = null, output = null;
        int count = 0;
        foreach (var property in value.EnumerateObject())
        {
            count++;
            if (property.NameEquals("from") && property.Value.ValueKind == JsonValueKind.String) from = property.Value.GetString();
            else if (property.NameEquals("output") && property.Value.ValueKind == JsonValueKind.String) output = property.Value.GetString();
        }
        if (count != 2 || from is null || output is null) return false;
        reference = new InputReference(from, output);
        return true;
    }
}
