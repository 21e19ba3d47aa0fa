using LossSearch.Host.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LossSearch.Host.Web;

/// <summary><c>GET /api/descriptors/activities</c>: the designer's palette and property panels.</summary>
public static class ActivityDescriptorEndpoints
{
    public static IEndpointRouteBuilder MapActivityDescriptorEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/descriptors/activities", (EngineHostedService host) =>
                TypedResults.Ok(host.Engine.Registry.Descriptors.Select(ActivityDescriptorView.Of).ToList()))
            .WithTags("Descriptors").WithName("ListActivityDescriptors");
        return app;
    }
}
