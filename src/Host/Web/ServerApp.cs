using System.Text.Json.Serialization;
using LossSearch.Host.Engine;
using LossSearch.Host.Logging;
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
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = ClientAppHosting.WebRoot });
        builder.WebHost.UseUrls(urls);
        configureWebHost?.Invoke(builder.WebHost);
        builder.Services.AddSerilog(logger, dispose: false);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer(new GateResponsesInOpenApi(security)));
        // Numbers are numbers: the OpenAPI document (and the page's generated types) then say `number`, not `number | string`.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        builder.Services.AddSingleton(engineOptions ??= new WorkflowEngineOptions());
        builder.Services.AddSingleton(logger);
        builder.Services.AddSingleton<EngineHostedService>();
        builder.Services.AddServerSecurity(builder.WebHost, security, engineOptions);
        builder.Services.AddHostedService(services => services.GetRequiredService<EngineHostedService>());

        var app = builder.Build();
        app.UseSerilogRequestLogging();
        app.UseServerSecurity(security);
        app.UseClientAppFiles();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapInfoEndpoints(deviceSpec);
        app.MapWorkflowDefinitionEndpoints();
        app.MapWorkflowInstanceEndpoints();
        app.MapInstanceArtifactEndpoints();
        app.MapActivityDescriptorEndpoints();
        app.MapInstanceEventEndpoints();
        app.MapActivityChartEndpoints();
        app.MapActivityLogEndpoints(LoggingSetup.LogsDirectory(builder.Configuration));
        app.MapClientAppFallback();
        return app;
    }
}
