using System.Text.Json;
using LossSearch.Workflows.Activities;
using LossSearch.Workflows.Definitions;
using LossSearch.Workflows.Runtime;

namespace LossSearch.Host.Web.Security;

/// <summary>
/// The checks of a definition or execute request body that come before the engine sees it: JSON depth,
/// activity count and id length, then the data roots and limits on the input values.
/// </summary>
public sealed class DefinitionRequestChecks(RequestLimits limits, DataRoots roots)
{
    private readonly NetworkInputPolicy _policy = new(roots, limits);

    public RequestLimits Limits => limits;

    /// <summary>A definition body: parsed, within the limits, its literal inputs allowed over the network.</summary>
    public WorkflowDefinition ParseDefinition(string body, ActivityRegistry registry)
    {
        // Malformed JSON is left to DefinitionJson.Parse, whose error names the path and position.
        using var document = TryParseJson(body, out _);
        if (document?.RootElement is { ValueKind: JsonValueKind.Object } root)
        {
            if (root.TryGetProperty("definitionId", out var id) && id.ValueKind == JsonValueKind.String && id.GetString()!.Length > limits.MaxDefinitionIdLength)
                throw Invalid("$.definitionId", $"{id.GetString()!.Length} characters is longer than this server's limit of {limits.MaxDefinitionIdLength} (Server:Limits:MaxDefinitionIdLength)");
            if (root.TryGetProperty("root", out var flow) && flow.ValueKind == JsonValueKind.Object
                && flow.TryGetProperty("activities", out var activities) && activities.ValueKind == JsonValueKind.Array
                && activities.GetArrayLength() > limits.MaxActivities)
                throw Invalid("$.root.activities", $"{activities.GetArrayLength()} activities are more than this server's limit of {limits.MaxActivities} (Server:Limits:MaxActivities)");
        }
        var definition = DefinitionJson.Parse(body);
        var refused = new InputValueValidator(registry, _policy).ValidateLiterals(definition);
        return refused.Count == 0 ? definition : throw new WorkflowValidationException(refused);
    }

    /// <summary>An execute body's JSON, within the depth limit; null when empty.</summary>
    public JsonDocument? ParseOverridesJson(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        return TryParseJson(body, out var malformed) ?? throw Invalid("$", $"malformed JSON: {malformed}");
    }

    /// <summary>The values a trigger would run with (definition merged with overrides), allowed over the network.</summary>
    public void CheckTrigger(WorkflowDefinition definition, InputOverrides overrides, ActivityRegistry registry) =>
        new InputValueValidator(registry, _policy).ThrowIfInvalidAtTrigger(definition, overrides);

    /// <summary>The parsed document, or null with the parser's message when malformed; deeper than the limit throws.</summary>
    private JsonDocument? TryParseJson(string body, out string malformed)
    {
        malformed = "";
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = limits.MaxJsonDepth, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e) when (e.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(string.IsNullOrEmpty(e.Path) ? "$" : e.Path, $"nested deeper than this server's limit of {limits.MaxJsonDepth} (Server:Limits:MaxJsonDepth)");
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is long line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            malformed = e.Message.Split(" Path:")[0] + where;
            return null;
        }
    }

    private static WorkflowValidationException Invalid(string path, string message) => new([new ValidationError(path, message)]);
}
