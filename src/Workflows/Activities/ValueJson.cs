using System.Text.Json;
using System.Text.Json.Serialization;

namespace LossSearch.Workflows.Activities;

/// <summary>How input and output values convert between JSON and CLR types.</summary>
public static class ValueJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Converts a JSON value to <paramref name="type"/>, or says why it cannot.</summary>
    public static bool TryConvert(JsonElement value, Type type, out object? result, out string? error)
    {
        try
        {
            result = value.Deserialize(type, Options);
            if (result is null && type.IsValueType && Nullable.GetUnderlyingType(type) is null)
            {
                error = $"null is not a {JsonTypeNames.Of(type)}";
                return false;
            }
            error = null;
            return true;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            result = null;
            error = $"expected {JsonTypeNames.Of(type)}, got {Describe(value)}";
            return false;
        }
    }

    /// <summary>Parses a command-line value: JSON when it parses as JSON, otherwise the text as a string.</summary>
    public static JsonElement ParseLoose(string text)
    {
        try { return JsonDocument.Parse(text).RootElement.Clone(); }
        catch (JsonException) { return JsonSerializer.SerializeToElement(text); }
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Truncate(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
