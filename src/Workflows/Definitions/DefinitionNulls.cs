namespace LossSearch.Workflows.Definitions;

/// <summary>
/// The JSON nulls a parsed definition may hold where the model has no null (the serializer lets
/// <c>null</c> through for reference types): each becomes a validation error naming its path.
/// </summary>
internal static class DefinitionNulls
{
    public static List<ValidationError> Find(WorkflowDefinition definition)
    {
        var errors = new List<ValidationError>();
        if (definition.DefinitionId is null) errors.Add(Null("$.definitionId"));
        if (definition.Name is null) errors.Add(Null("$.name"));
        if (definition.Root is not { } root)
        {
            errors.Add(Null("$.root"));
            return errors;
        }
        if (root.Type is null) errors.Add(Null("$.root.type"));
        if (root.Activities is null) errors.Add(Null("$.root.activities"));
        else
            for (int i = 0; i < root.Activities.Count; i++)
                FindInActivity(root.Activities[i], $"$.root.activities[{i}]", errors);
        if (root.Connections is null) errors.Add(Null("$.root.connections"));
        else
            for (int i = 0; i < root.Connections.Count; i++)
            {
                string path = $"$.root.connections[{i}]";
                if (root.Connections[i] is not { } connection) errors.Add(Null(path));
                else
                {
                    FindInEndpoint(connection.Source, $"{path}.source", errors);
                    FindInEndpoint(connection.Target, $"{path}.target", errors);
                }
            }
        return errors;
    }

    private static void FindInActivity(ActivityNode? node, string path, List<ValidationError> errors)
    {
        if (node is null)
        {
            errors.Add(Null(path));
            return;
        }
        if (node.Id is null) errors.Add(Null($"{path}.id"));
        if (node.Type is null) errors.Add(Null($"{path}.type"));
        if (node.Inputs is null) errors.Add(Null($"{path}.inputs"));
    }

    private static void FindInEndpoint(ConnectionEndpoint? endpoint, string path, List<ValidationError> errors)
    {
        if (endpoint is null) errors.Add(Null(path));
        else if (endpoint.Activity is null) errors.Add(Null($"{path}.activity"));
    }

    private static ValidationError Null(string path) => new(path, "must not be null");
}
