using LossSearch.Host.Engine;
using LossSearch.Workflows;
using LossSearch.Workflows.Instances;
using LossSearch.Workflows.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LossSearch.Host.Web;

/// <summary><c>/api/workflow-instances</c>: list, inspect, resume and cancel instances.</summary>
public static class WorkflowInstanceEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowInstanceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflow-instances").WithTags("Workflow instances");

        group.MapGet("/", async (EngineHostedService host, int? page, int? pageSize, string? definitionId, string? subStatus, string? status, bool? hasIncidents, CancellationToken cancellation) =>
        {
            if (!ApiProblems.TryPaging(page, pageSize, out int p, out int size, out var problem)) return problem!;
            if (subStatus is not null && !Enum.TryParse<InstanceSubStatus>(subStatus, ignoreCase: true, out _))
                return ApiProblems.Invalid("subStatus", $"unknown sub-status '{subStatus}' (one of {string.Join(", ", Enum.GetNames<InstanceSubStatus>())})");
            if (status is not null && !Enum.TryParse<InstanceStatus>(status, ignoreCase: true, out _))
                return ApiProblems.Invalid("status", $"unknown status '{status}' (one of {string.Join(", ", Enum.GetNames<InstanceStatus>())})");
            return Results.Ok(await host.Engine.Instances.ListAsync(p, size, definitionId, subStatus, cancellation, status, hasIncidents));
        }).WithName("ListWorkflowInstances").Produces<Page<InstanceSummary>>();

        group.MapGet("/{instanceId}", async (EngineHostedService host, string instanceId, CancellationToken cancellation) =>
            await host.Engine.Instances.GetAsync(instanceId, cancellation) is { } view
                ? Results.Ok(view)
                : ApiProblems.NotFound($"unknown workflow instance '{instanceId}'"))
            .WithName("GetWorkflowInstance").Produces<InstanceView>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{instanceId}/resume", async (EngineHostedService host, string instanceId, CancellationToken cancellation) =>
            ApiProblems.Outcome(await host.Engine.ResumeAsync(instanceId, cancellation), instanceId, "resumed",
                () => Results.Accepted($"/api/workflow-instances/{instanceId}", new { instanceId, resumed = true })))
            .WithName("ResumeWorkflowInstance").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{instanceId}/cancel", async (EngineHostedService host, string instanceId, CancellationToken cancellation) =>
            ApiProblems.Outcome(await host.Engine.CancelAsync(instanceId, cancellation), instanceId, "cancelled",
                () => Results.Accepted($"/api/workflow-instances/{instanceId}", new { instanceId, cancelled = true })))
            .WithName("CancelWorkflowInstance").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }
}
