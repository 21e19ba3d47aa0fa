using System.Text.Json;
using LossSearch.Host.Engine;
using LossSearch.Host.Web.Security;
using LossSearch.Workflows;
using LossSearch.Workflows.Activities;
using LossSearch.Workflows.Definitions;
using LossSearch.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LossSearch.Host.Web;

/// <summary><c>/api/workflow-definitions</c>: list, save drafts, read, publish and execute definitions.</summary>
public static class WorkflowDefinitionEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowDefinitionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflow-definitions").WithTags("Workflow definitions");

        group.MapGet("/", async (EngineHostedService host, int? page, int? pageSize, CancellationToken cancellation) =>
            ApiProblems.TryPaging(page, pageSize, out int p, out int size, out var problem)
                ? Results.Ok(await host.Engine.Definitions.ListAsync(p, size, cancellation))
                : problem!).WithName("ListWorkflowDefinitions").Produces<Page<DefinitionSummary>>();

        group.MapPost("/", (EngineHostedService host, DefinitionRequestChecks checks, HttpRequest request, bool? publish, CancellationToken cancellation) => ApiProblems.Guard(async () =>
        {
            string body = await new StreamReader(request.Body).ReadToEndAsync(cancellation);
            var definition = checks.ParseDefinition(body, host.Engine.Registry);
            var saved = await host.Engine.Definitions.SaveDraftAsync(definition, cancellation);
            if (publish == true) saved = (await host.Engine.Definitions.PublishAsync(saved.DefinitionId, cancellation))!;
            return Results.Created($"/api/workflow-definitions/{saved.DefinitionId}?version={saved.Version}", saved);
        })).WithName("SaveWorkflowDefinition").Accepts<WorkflowDefinition>("application/json").Produces<WorkflowDefinition>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        group.MapGet("/{definitionId}", async (EngineHostedService host, string definitionId, int? version, CancellationToken cancellation) =>
            await host.Engine.Definitions.GetAsync(definitionId, version, cancellation) is { } definition
                ? Results.Ok(definition)
                : ApiProblems.NotFound($"unknown workflow definition '{definitionId}'{(version is int v ? $" version {v}" : "")}"))
            .WithName("GetWorkflowDefinition").Produces<WorkflowDefinition>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{definitionId}/versions", async (EngineHostedService host, string definitionId, CancellationToken cancellation) =>
            await host.Engine.Definitions.ListVersionsAsync(definitionId, cancellation) is { Count: > 0 } versions
                ? Results.Ok(versions)
                : ApiProblems.NotFound($"unknown workflow definition '{definitionId}'"))
            .WithName("ListWorkflowDefinitionVersions").Produces<IReadOnlyList<DefinitionVersionSummary>>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{definitionId}/publish", (EngineHostedService host, string definitionId, CancellationToken cancellation) => ApiProblems.Guard(async () =>
            await host.Engine.Definitions.PublishAsync(definitionId, cancellation) is { } published
                ? Results.Ok(published)
                : ApiProblems.NotFound($"unknown workflow definition '{definitionId}'")))
            .WithName("PublishWorkflowDefinition").Produces<WorkflowDefinition>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{definitionId}/execute", (EngineHostedService host, DefinitionRequestChecks checks, string definitionId, HttpRequest request, CancellationToken cancellation) => ApiProblems.Guard(async () =>
        {
            var overrides = await ReadOverridesAsync(request, checks, cancellation);
            // Paths and sizes a request may name are checked here; an unknown or unpublished id is the engine's to answer.
            if (await host.Engine.Definitions.GetPublishedAsync(definitionId, cancellation) is { } published)
            {
                overrides.ThrowIfInvalid(published, host.Engine.Registry);
                checks.CheckTrigger(published, overrides, host.Engine.Registry);
            }
            string instanceId = await host.Engine.TriggerAsync(definitionId, overrides, cancellation);
            return Results.Accepted($"/api/workflow-instances/{instanceId}", new { instanceId });
        })).WithName("ExecuteWorkflowDefinition").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    /// <summary>An optional body <c>{"inputs": {"activity": {"input": value}}}</c> of input overrides.</summary>
    private static async Task<InputOverrides> ReadOverridesAsync(HttpRequest request, DefinitionRequestChecks checks, CancellationToken cancellation)
    {
        string body = await new StreamReader(request.Body).ReadToEndAsync(cancellation);
        var overrides = new InputOverrides();
        if (checks.ParseOverridesJson(body) is not { } document) return overrides;
        var root = document.RootElement.Clone();
        document.Dispose();
        if (root.ValueKind != JsonValueKind.Object) throw Invalid("$", "must be an object");
        if (!root.TryGetProperty("inputs", out var inputs)) return overrides;
        if (inputs.ValueKind != JsonValueKind.Object) throw Invalid("$.inputs", "must be an object of activity ids");
        foreach (var activity in inputs.EnumerateObject())
        {
            if (activity.Value.ValueKind != JsonValueKind.Object) throw Invalid($"$.inputs.{activity.Name}", "must be an object of input values");
            foreach (var input in activity.Value.EnumerateObject()) overrides.Set(activity.Name, input.Name, input.Value);
        }
        return overrides;
    }

    private static WorkflowValidationException Invalid(string path, string message) => new([new ValidationError(path, message)]);
}
