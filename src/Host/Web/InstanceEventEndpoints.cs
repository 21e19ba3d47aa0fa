using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using LossSearch.Host.Engine;
using LossSearch.Workflows.Instances;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LossSearch.Host.Web;

/// <summary>
/// <c>GET /api/workflow-instances/{id}/events</c>: Server-Sent Events for a watching page. The server reads
/// the instance from the store once a second and sends only what changed (<see cref="InstanceChanges"/>).
/// </summary>
public static class InstanceEventEndpoints
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public static IEndpointRouteBuilder MapInstanceEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/workflow-instances/{instanceId}/events", async (EngineHostedService host, string instanceId, HttpContext http, CancellationToken cancellation) =>
        {
            if (await host.Engine.Instances.GetAsync(instanceId, cancellation) is not { } first)
                return ApiProblems.NotFound($"unknown workflow instance '{instanceId}'");
            http.Response.Headers["X-Accel-Buffering"] = "no";
            return TypedResults.ServerSentEvents(Stream(host, first, cancellation));
        }).WithTags("Workflow instances").WithName("StreamWorkflowInstanceEvents").Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async IAsyncEnumerable<SseItem<string>> Stream(EngineHostedService host, InstanceView first, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var changes = new InstanceChanges();
        var view = first;
        var quietSince = DateTimeOffset.UtcNow;
        while (!cancellation.IsCancellationRequested)
        {
            var events = changes.Next(view);
            foreach (var item in events) yield return item;
            if (events.Count > 0) quietSince = DateTimeOffset.UtcNow;
            else if (DateTimeOffset.UtcNow - quietSince > TimeSpan.FromSeconds(15))
            {
                quietSince = DateTimeOffset.UtcNow;
                yield return new SseItem<string>("{}", "keepalive");
            }
            try { await Task.Delay(Interval, cancellation); }
            catch (OperationCanceledException) { yield break; }
            if (await host.Engine.Instances.GetAsync(first.Id, cancellation) is not { } next) yield break;
            view = next;
        }
    }
}
