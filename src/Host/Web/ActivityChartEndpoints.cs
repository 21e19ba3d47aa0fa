using LossSearch.Activities.Charts;
using LossSearch.Host.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LossSearch.Host.Web;

/// <summary>
/// <c>GET /api/workflow-instances/{id}/activities/{activityId}/chart</c>: an activity's progress points
/// (Evolve's curves and rejections, a grid's epochs and finished units), read from its checkpoint folder,
/// where they are kept from the first candidate or epoch on. A watching page reads it again when the
/// event stream says the activity moved.
/// </summary>
public static class ActivityChartEndpoints
{
    public static IEndpointRouteBuilder MapActivityChartEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/workflow-instances/{instanceId}/activities/{activityId}/chart", async (EngineHostedService host, string instanceId, string activityId, CancellationToken cancellation) =>
        {
            if (await host.Engine.Instances.GetAsync(instanceId, cancellation) is not { } instance)
                return ApiProblems.NotFound($"unknown workflow instance '{instanceId}'");
            if (instance.Activities.FirstOrDefault(a => a.ActivityId == activityId) is not { } activity)
                return ApiProblems.NotFound($"instance '{instanceId}' has not run an activity '{activityId}'");
            var registry = host.Engine.Registry;
            if (registry.Find(activity.Type) is not { } descriptor || registry.Create(descriptor) is not IChartedActivity charted)
                return ApiProblems.NotFound($"activity type '{activity.Type}' keeps no progress points to chart");
            if (InstanceArtifactEndpoints.Inside(instance.Artifacts, activityId) is not { } folder)
                return ApiProblems.Invalid("activityId", $"'{activityId}' leaves the instance's artifacts folder");
            return Results.Ok(charted.ReadChart(folder));
        }).WithTags("Workflow instances").WithName("GetWorkflowActivityChart").Produces<ActivityChart>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
