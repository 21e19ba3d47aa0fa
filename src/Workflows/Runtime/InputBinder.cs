using System.Text.Json;
using LossSearch.Workflows.Activities;
using LossSearch.Workflows.Definitions;

namespace LossSearch.Workflows.Runtime;

/// <summary>Sets an activity's input properties from overrides, literals and earlier activities' outputs.</summary>
internal static class InputBinder
{
    /// <param name="outputsOf">Stored outputs JSON of a completed activity, by activity id.</param>
    public static void Bind(Activity activity, ActivityDescriptor descriptor, ActivityNode node, InputOverrides overrides,
        IReadOnlyDictionary<string, string?> outputsOf)
    {
        foreach (var input in descriptor.Inputs)
        {
            JsonElement value;
            if (overrides.TryGet(node.Id, input.Name, out var overridden)) value = overridden;
            else if (node.Inputs.TryGetValue(input.Name, out var given)) value = given;
            else continue;

            if (InputReference.TryParse(value, out var reference))
                value = Dereference(reference, node.Id, input.Name, outputsOf);
            if (!ValueJson.TryConvert(value, input.Property.PropertyType, out var converted, out var error))
                throw new WorkflowValidationException([new ValidationError($"{node.Id}.inputs.{input.Name}", error!)]);
            input.Property.SetValue(activity, converted);
        }
    }

    /// <summary>The activity's output properties as one JSON object.</summary>
    public static string CollectOutputs(Activity activity, ActivityDescriptor descriptor)
    {
        var outputs = descriptor.Outputs.ToDictionary(o => o.Name, o => JsonSerializer.SerializeToElement(o.Property.GetValue(activity), o.Property.PropertyType, ValueJson.Options));
        return JsonSerializer.Serialize(outputs, ValueJson.Options);
    }

    private static JsonElement Dereference(InputReference reference, string activityId, string input, IReadOnlyDictionary<string, string?> outputsOf)
    {
        if (!outputsOf.TryGetValue(reference.From, out var json) || json is null)
            throw new InvalidOperationException($"{activityId}.{input} takes {reference.From}.{reference.Output}, but '{reference.From}' has not completed.");
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty(reference.Output, out var value))
            throw new InvalidOperationException($"{activityId}.{input} takes {reference.From}.{reference.Output}, which '{reference.From}' did not output.");
        return value.Clone();
    }
}
