using System.Text.Json;
using System.Text.Json.Serialization;

namespace LossSearch.Workflows.Definitions;

/// <summary>Reads and writes definition JSON; malformed JSON becomes a validation error with its path.</summary>
public static class DefinitionJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Parses a definition; malformed JSON and nulls where a value belongs throw <see cref="WorkflowValidationException"/>.</summary>
    public static WorkflowDefinition Parse(string json)
    {
        WorkflowDefinition definition;
        try
        {
            definition = JsonSerializer.Deserialize<WorkflowDefinition>(json, Options)
                ?? throw Invalid("$", "the document is null");
        }
        catch (JsonException e)
        {
            string path = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
            string where = e.LineNumber is long line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            throw Invalid(path, FirstSentence(e.Message) + where);
        }
        var nulls = DefinitionNulls.Find(definition);
        return nulls.Count == 0 ? definition : throw new WorkflowValidationException(nulls);
    }

    public static string Serialize(WorkflowDefinition definition) => JsonSerializer.Serialize(definition, Options);

    private static WorkflowValidationException Invalid(string path, string message) => new([new ValidationError(path, message)]);

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
