using System.Text.Json;
using LossSearch.Workflows.Activities;
using LossSearch.Workflows.Definitions;

namespace LossSearch.Workflows.Runtime;

/// <summary>
/// Input values given when a definition is triggered (<c>--set ACTIVITY.INPUT=VALUE</c>), checked
/// against the definition before anything is stored.
/// </summary>
public sealed class InputOverrides
{
    private readonly Dictionary<string, Dictionary<string, JsonElement>> _byActivity = new(StringComparer.Ordinal);

    public static InputOverrides None => new();

    public IReadOnlyDictionary<string, Dictionary<string, JsonElement>> ByActivity => _byActivity;

    public InputOverrides Set(string activityId, string input, JsonElement value)
    {
        if (!_byActivity.TryGetValue(activityId, out var inputs)) _byActivity[activityId] = inputs = new(StringComparer.Ordinal);
        inputs[input] = value.Clone();
        return this;
    }

    /// <summary>Parses <c>ACTIVITY.INPUT=VALUE</c>; VALUE is JSON when it parses as JSON, otherwise a string.</summary>
    public InputOverrides Set(string assignment)
    {
        int equals = assignment.IndexOf('=');
        int dot = equals > 0 ? assignment.LastIndexOf('.', equals - 1) : -1;
        if (equals <= 0 || dot <= 0 || dot == equals - 1)
            throw new WorkflowValidationException([new ValidationError("--set", $"'{assignment}' is not ACTIVITY.INPUT=VALUE")]);
        return Set(assignment[..dot], assignment[(dot + 1)..equals], ValueJson.ParseLoose(assignment[(equals + 1)..]));
    }

    public bool TryGet(string activityId, string input, out JsonElement value)
    {
        value = default;
        return _byActivity.TryGetValue(activityId, out var inputs) && inputs.TryGetValue(input, out value);
    }

    public void ThrowIfInvalid(WorkflowDefinition definition, ActivityRegistry registry)
    {
        var errors = new List<ValidationError>();
        foreach (var (activityId, inputs) in _byActivity)
        {
            var node = definition.Root.Activities.FirstOrDefault(a => a.Id == activityId);
            if (node is null)
            {
                errors.Add(new($"--set {activityId}", $"definition '{definition.DefinitionId}' has no activity '{activityId}'"));
                continue;
            }
            var descriptor = registry.Get(node.Type);
            foreach (var (name, value) in inputs)
            {
                if (descriptor.FindInput(name) is not { } input)
                    errors.Add(new($"--set {activityId}.{name}", $"'{descriptor.Type}' has no input '{name}'"));
                else if (!ValueJson.TryConvert(value, input.Property.PropertyType, out _, out var error))
                    errors.Add(new($"--set {activityId}.{name}", error!));
            }
        }
        if (errors.Count > 0) throw new WorkflowValidationException(errors);
    }

    public string ToJson() => JsonSerializer.Serialize(_byActivity);

    public static InputOverrides FromJson(string json)
    {
        var overrides = new InputOverrides();
        var parsed = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, JsonElement>>>(json) ?? [];
        foreach (var (activity, inputs) in parsed)
            foreach (var (input, value) in inputs)
                overrides.Set(activity, input, value);
        return overrides;
    }
}
