using LossSearch.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LossSearch.Host.Web.Security;

/// <summary>Wires <see cref="ServerSecurity"/> into the server: headers on every response, CORS for the one allowed origin, then the request gates.</summary>
public static class ServerSecuritySetup
{
    private const string CorsPolicy = "configured-origin";

    public static IServiceCollection AddServerSecurity(this IServiceCollection services, IWebHostBuilder web, ServerSecurity security, WorkflowEngineOptions engine)
    {
        services.AddSingleton(security);
        services.AddSingleton(new DefinitionRequestChecks(security.Limits, new DataRoots([.. security.DataRoots, engine.ArtifactsDirectory])));
        // Chunked bodies have no Content-Length for the gate to see; Kestrel stops them at the same size.
        web.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = security.Limits.MaxBodyBytes);
        if (security.CorsOrigin is { } origin)
            services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy.WithOrigins(origin).AllowAnyHeader().AllowAnyMethod()));
        return services;
    }

    public static WebApplication UseServerSecurity(this WebApplication app, ServerSecurity security)
    {
        app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                SecurityHeaders.Add(http.Response);
                return Task.CompletedTask;
            });
            if (RequestGates.Host(http, security) is { } refused) await refused.ExecuteAsync(http);
            else await next(http);
        });
        if (security.CorsOrigin is not null) app.UseCors(CorsPolicy);
        app.Use(async (http, next) =>
        {
            if ((RequestGates.Token(http, security) ?? RequestGates.Origin(http, security) ?? RequestGates.ContentType(http)
                    ?? RequestGates.BodySize(http, security.Limits)) is { } refused)
                await refused.ExecuteAsync(http);
            else await next(http);
        });
        return app;
    }
}
