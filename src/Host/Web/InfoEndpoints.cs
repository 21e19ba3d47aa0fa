using LossSearch.Learning.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LossSearch.Host.Web;

public static class InfoEndpoints
{
    /// <summary><c>GET /api/info</c>: the same facts as <c>losssearch info --json</c>.</summary>
    public static IEndpointRouteBuilder MapInfoEndpoints(this IEndpointRouteBuilder app, string deviceSpec)
    {
        app.MapGet("/api/info", () =>
        {
            var environment = TorchEnvironment.Describe();
            return Results.Ok(new { environment, selectedDevice = DeviceSelection.Resolve(deviceSpec).ToString() });
        }).WithName("GetInfo");
        return app;
    }
}
