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
        app.MapGet("/api/descriptors/activities", (EngineHostedService host) => Results.Ok(host.Engine.Registry.Descriptors.Select(d => new
        {
            type = d.Type,
            displayName = d.DisplayName,
            description = d.Description,
            category = d.Category,
            maxAttempts = d.MaxAttempts,
            executionGroup = d.ExecutionGroup,
            inputs = d.Inputs.Select(i => new { name = i.Name, type = i.Type, @default = i.Default, required = i.Required, description = i.Description, uiHint = i.UIHint, itemType = i.ItemType }),
            outputs = d.Outputs.Select(o => new { name = o.Name, type = o.Type, description = o.Description, itemType = o.ItemType }),
        }))).WithTags("Descriptors").WithName("ListActivityDescriptors");
        return app;
    }
}
