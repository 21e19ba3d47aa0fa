using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LossSearch.Learning.Data;

namespace LossSearch.Learning.Training;

/// <summary>
/// What makes a checkpoint belong to a run, setting by setting (<c>optimizer.learningRate</c>,
/// <c>schedule.dropFactor</c>, <c>data</c>, <c>model</c>, …): a resume with any other value is refused
/// naming the setting. The device and progress cadence are not part of it.
/// </summary>
public static class RunIdentity
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public const string FlatParametersSetting = "flatParameters";

    public static SortedDictionary<string, string> Of(TrainingRun run, DatasetSplits data)
    {
        var identity = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Flatten("optimizer", JsonSerializer.SerializeToElement(run.Optimizer, Json), identity);
        Flatten("schedule", JsonSerializer.SerializeToElement(run.Schedule, Json), identity);
        identity["labelSmoothing"] = Number(run.LabelSmoothing);
        identity["ema"] = run.EmaDecay is double ema ? Number(ema) : "none";
        identity["gates"] = JsonSerializer.Serialize(run.Gates, Json);
        identity["evaluationImageSize"] = run.EvaluationImageSize?.ToString(CultureInfo.InvariantCulture) ?? "none";
        identity["normalization"] = run.Normalization is { } n ? JsonSerializer.Serialize(n, Json) : "none";
        identity["data"] = data.Name;
        identity["data.train"] = data.Train.Count.ToString(CultureInfo.InvariantCulture);
        identity["data.validation"] = data.Validation?.Count.ToString(CultureInfo.InvariantCulture) ?? "none";
        identity["data.test"] = data.Test.Count.ToString(CultureInfo.InvariantCulture);
        identity["data.classes"] = data.Train.Classes.Count.ToString(CultureInfo.InvariantCulture);
        // Recorded only when set, so that checkpoints from before the setting existed still match.
        if (run.FlatParameters == true) identity[FlatParametersSetting] = "true";
        foreach (var (key, value) in run.JobIdentity ?? new Dictionary<string, string>()) identity[key] = value;
        return identity;
    }

    /// <summary>The first setting whose value differs (a setting missing on one side counts), or null.</summary>
    public static (string Setting, string Saved, string Asked)? FirstDifference(IReadOnlyDictionary<string, string> saved, IReadOnlyDictionary<string, string> asked)
    {
        foreach (var key in saved.Keys.Union(asked.Keys).Order(StringComparer.Ordinal))
        {
            string a = saved.TryGetValue(key, out var s) ? s : "(not recorded)", b = asked.TryGetValue(key, out var t) ? t : "(not recorded)";
            if (a != b) return (key, a, b);
        }
        return null;
    }

    private static void Flatten(string prefix, JsonElement element, IDictionary<string, string> into)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            into[prefix] = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
            return;
        }
        foreach (var property in element.EnumerateObject()) Flatten($"{prefix}.{property.Name}", property.Value, into);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
