using System.Text.Json;
using LossSearch.Workflows.Activities;

namespace LossSearch.Workflows.Definitions;

/// <summary>
/// Checks a definition against the registered activity types, and its literal input values against
/// their rules (<see cref="InputValueValidator"/>); every error names its JSON path.
/// </summary>
public sealed class DefinitionValidator(ActivityRegistry registry)
{
    private readonly InputValueValidator _values = new(registry);

    public const string DonePort = "Done";
    public const string InPort = "In";

    public IReadOnlyList<ValidationError> Validate(WorkflowDefinition definition)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(definition.DefinitionId))
            errors.Add(new("$.definitionId", "must not be empty"));
        else if (definition.DefinitionId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            errors.Add(new("$.definitionId", "may hold only letters, digits, '-', '_' and '.'"));
        if (definition.Version < 1) errors.Add(new("$.version", "must be 1 or more"));
        if (definition.Root.Type != "Flowchart") errors.Add(new("$.root.type", $"must be \"Flowchart\", not \"{definition.Root.Type}\""));

        var activities = definition.Root.Activities;
        if (activities.Count == 0) errors.Add(new("$.root.activities", "a workflow needs at least one activity"));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < activities.Count; i++)
        {
            var node = activities[i];
            string path = $"$.root.activities[{i}]";
            if (string.IsNullOrWhiteSpace(node.Id)) errors.Add(new($"{path}.id", "must not be empty"));
            else if (!ids.Add(node.Id)) errors.Add(new($"{path}.id", $"duplicate activity id '{node.Id}'"));
        }

        var graph = new DefinitionGraph(definition.Root);
        ValidateConnections(definition.Root.Connections, ids, errors);
        for (int i = 0; i < activities.Count; i++)
            ValidateActivity(activities[i], $"$.root.activities[{i}]", definition.Root, graph, errors);

        errors.AddRange(_values.ValidateLiterals(definition));
        if (activities.Count > 0 && errors.Count == 0)
        {
            if (graph.FindCycleMember() is { } member)
                errors.Add(new($"$.root.activities[{IndexOf(activities, member)}]", $"activity '{member}' is on a cycle of connections"));
            else if (graph.StartActivities.Count == 0)
                errors.Add(new("$.root.connections", "no start activity: every activity has an incoming connection"));
        }
        return errors;
    }

    public void ThrowIfInvalid(WorkflowDefinition definition)
    {
        var errors = Validate(definition);
        if (errors.Count > 0) throw new WorkflowValidationException(errors);
    }

    private static void ValidateConnections(IReadOnlyList<Connection> connections, HashSet<string> ids, List<ValidationError> errors)
    {
        for (int i = 0; i < connections.Count; i++)
        {
            var connection = connections[i];
            string path = $"$.root.connections[{i}]";
            if (!ids.Contains(connection.Source.Activity)) errors.Add(new($"{path}.source.activity", $"unknown activity '{connection.Source.Activity}'"));
            if (!ids.Contains(connection.Target.Activity)) errors.Add(new($"{path}.target.activity", $"unknown activity '{connection.Target.Activity}'"));
            if (connection.Source.Port is { } sourcePort && sourcePort != DonePort) errors.Add(new($"{path}.source.port", $"unknown port '{sourcePort}' (activities have \"{DonePort}\")"));
            if (connection.Target.Port is { } targetPort && targetPort != InPort) errors.Add(new($"{path}.target.port", $"unknown port '{targetPort}' (activities have \"{InPort}\")"));
        }
    }

    private void ValidateActivity(ActivityNode node, string path, Flowchart flowchart, DefinitionGraph graph, List<ValidationError> errors)
    {
        if (registry.Find(node.Type) is not { } descriptor)
        {
            errors.Add(new($"{path}.type", $"unknown activity type '{node.Type}'"));
            return;
        }
        foreach (var (name, value) in node.Inputs)
        {
            string inputPath = $"{path}.inputs.{name}";
            if (descriptor.FindInput(name) is not { } input)
            {
                errors.Add(new(inputPath, $"'{descriptor.Type}' has no input '{name}' (inputs: {string.Join(", ", descriptor.Inputs.Select(d => d.Name))})"));
                continue;
            }
            if (InputReference.TryParse(value, out var reference))
                ValidateReference(reference, input, inputPath, node.Id, flowchart, graph, errors);
            else if (!ValueJson.TryConvert(value, input.Property.PropertyType, out _, out var error))
                errors.Add(new(inputPath, error!));
        }
        foreach (var input in descriptor.Inputs.Where(i => i.Required && !node.Inputs.ContainsKey(i.Name)))
            errors.Add(new($"{path}.inputs.{input.Name}", $"required input '{input.Name}' of '{descriptor.Type}' is missing"));
    }

    private void ValidateReference(InputReference reference, InputDescriptor input, string path, string activityId, Flowchart flowchart, DefinitionGraph graph, List<ValidationError> errors)
    {
        var source = flowchart.Activities.FirstOrDefault(a => a.Id == reference.From);
        if (source is null)
        {
            errors.Add(new($"{path}.from", $"unknown activity '{reference.From}'"));
            return;
        }
        if (registry.Find(source.Type) is { } sourceDescriptor)
        {
            if (sourceDescriptor.FindOutput(reference.Output) is not { } output)
                errors.Add(new($"{path}.output", $"'{source.Type}' has no output '{reference.Output}' (outputs: {string.Join(", ", sourceDescriptor.Outputs.Select(o => o.Name))})"));
            else if (input.Type != "object" && output.Type != input.Type && !(input.Type == "number" && output.Type == "integer"))
                errors.Add(new(path, $"input '{input.Name}' is {input.Type} but {reference.From}.{reference.Output} is {output.Type}"));
        }
        if (source.Id != activityId && !graph.PrecedesTransitively(source.Id, activityId))
            errors.Add(new($"{path}.from", $"activity '{reference.From}' does not run before '{activityId}': connect it upstream"));
        if (source.Id == activityId)
            errors.Add(new($"{path}.from", "an activity cannot take its own output"));
    }

    private static int IndexOf(IReadOnlyList<ActivityNode> activities, string id)
    {
        for (int i = 0; i < activities.Count; i++) if (activities[i].Id == id) return i;
        return -1;
    }
}
