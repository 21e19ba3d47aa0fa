using LossSearch.Host.Engine;
using LossSearch.Host.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LossSearch.Host.Web;

/// <summary><c>GET /api/workflow-instances/{id}/logs?activityId&amp;tail</c>: the instance's (or one activity's) last Serilog events.</summary>
public static class ActivityLogEndpoints
{
    public static IEndpointRouteBuilder MapActivityLogEndpoints(this IEndpointRouteBuilder app, string logsDirectory)
    {
        app.MapGet("/api/workflow-instances/{instanceId}/logs", async (EngineHostedService host, string instanceId, string? activityId, int? tail, CancellationToken cancellation) =>
        {
            if (tail is < 1 or > 5000) return ApiProblems.Invalid("tail", "must be between 1 and 5000");
            if (await host.Engine.Instances.GetAsync(instanceId, cancellation) is null)
                return ApiProblems.NotFound($"unknown workflow instance '{instanceId}'");
            return Results.Ok(LogTail.Read(logsDirectory, instanceId, activityId, tail ?? 200));
        }).WithTags("Workflow instances").WithName("GetWorkflowInstanceLogs").Produces<IReadOnlyList<LogLine>>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
