using System.Text.Json;
using LossSearch.Workflows.Activities;
using LossSearch.Workflows.Runtime;

namespace LossSearch.Workflows.Definitions;

/// <summary>
/// Checks input values against their descriptors' rules (<see cref="InputRules"/>) and each activity's
/// <see cref="Activity.Validate"/> hook: the literals of a definition when it is saved or published, and
/// the literals merged with the overrides when it is triggered. Types, unknown inputs and references are
/// <see cref="DefinitionValidator"/>'s job; values of the wrong type are left to it. An optional
/// <paramref name="policy"/> adds the caller's own checks (a server's data roots and limits).
/// </summary>
public sealed class InputValueValidator(ActivityRegistry registry, IInputPolicy? policy = null)
{
    /// <summary>Errors keyed <c>$.root.activities[i].inputs.NAME</c>.</summary>
    public IReadOnlyList<ValidationError> ValidateLiterals(WorkflowDefinition definition)
    {
        var errors = new List<ValidationError>();
        var activities = definition.Root.Activities;
        for (int i = 0; i < activities.Count; i++)
        {
            var node = activities[i];
            string prefix = $"$.root.activities[{i}].inputs.";
            errors.AddRange(Check(node, name => node.Inputs.TryGetValue(name, out var value) ? value : null, name => prefix + name));
        }
        return errors;
    }

    /// <summary>Errors keyed <c>ACTIVITY.INPUT</c>, on the definition's values with <paramref name="overrides"/> applied.</summary>
    public IReadOnlyList<ValidationError> ValidateTrigger(WorkflowDefinition definition, InputOverrides overrides) =>
        definition.Root.Activities.SelectMany(node => Check(node,
            name => overrides.TryGet(node.Id, name, out var overridden) ? overridden : node.Inputs.TryGetValue(name, out var value) ? value : null,
            name => $"{node.Id}.{name}")).ToList();

    public void ThrowIfInvalidAtTrigger(WorkflowDefinition definition, InputOverrides overrides)
    {
        var errors = ValidateTrigger(definition, overrides);
        if (errors.Count > 0) throw new WorkflowValidationException(errors);
    }

    private List<ValidationError> Check(ActivityNode node, Func<string, JsonElement?> valueOf, Func<string, string> pathOf)
    {
        var errors = new List<ValidationError>();
        if (registry.Find(node.Type) is not { } descriptor) return errors;
        var activity = registry.Create(descriptor);
        var unknown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in descriptor.Inputs)
        {
            if (valueOf(input.Name) is not { } value) continue;
            if (InputReference.TryParse(value, out _) || !ValueJson.TryConvert(value, input.Property.PropertyType, out var converted, out _))
            {
                unknown.Add(input.Name);
                continue;
            }
            if ((InputRules.Check(input, converted) ?? (converted is null ? null : policy?.Check(input, converted))) is { } problem)
            {
                errors.Add(new(pathOf(input.Name), problem));
                unknown.Add(input.Name);
            }
            else input.Property.SetValue(activity, converted);
        }
        foreach (var problem in activity.Validate(unknown))
            errors.Add(new(pathOf(problem.Input), problem.Message));
        return errors;
    }
}
