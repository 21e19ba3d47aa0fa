using LossSearch.Host.Engine;
using LossSearch.Host.Web.Security;
using LossSearch.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using ILogger = Serilog.ILogger;

namespace LossSearch.Host.Web;

/// <summary>Builds the ASP.NET Core application behind <c>losssearch serve</c>.</summary>
public static class ServerApp
{
    /// <param name="engineOptions">The workflow engine's database and folders; defaults under the working directory.</param>
    /// <param name="configureWebHost">Changes to the web host before it is built, e.g. an in-memory test server.</param>
    /// <param name="security">Token, host names and CORS origin; default: no token, which only a loopback binding allows.</param>
    public static WebApplication Build(string[] args, string urls, ILogger logger, string deviceSpec, WorkflowEngineOptions? engineOptions = null,
        Action<IWebHostBuilder>? configureWebHost = null, ServerSecurity? security = null)
    {
        security ??= ServerSecurity.For(urls, token: null);
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseUrls(urls);
        configureWebHost?.Invoke(builder.WebHost);
        builder.Services.AddSerilog(logger, dispose: false);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(engineOptions ??= new WorkflowEngineOptions());
        builder.Services.AddSingleton(logger);
        builder.Services.AddSingleton<EngineHostedService>();
        builder.Services.AddServerSecurity(builder.WebHost, security, engineOptions);
        builder.Services.AddHostedService(services => services.GetRequiredService<EngineHostedService>());

        var app = builder.Build();
        app.UseSerilogRequestLogging();
        app.UseServerSecurity(security);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapInfoEndpoints(deviceSpec);
        app.MapWorkflowDefinitionEndpoints();
        app.MapWorkflowInstanceEndpoints();
        app.MapInstanceArtifactEndpoints();
        app.MapActivityDescriptorEndpoints();
        return app;
    }
}
