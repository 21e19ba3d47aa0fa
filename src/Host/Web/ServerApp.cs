using Microsoft.AspNetCore.Builder;
using Serilog;
using ILogger = Serilog.ILogger;

namespace LossSearch.Host.Web;

/// <summary>Builds the ASP.NET Core application behind <c>losssearch serve</c>.</summary>
public static class ServerApp
{
    public static WebApplication Build(string[] args, string urls, ILogger logger, string deviceSpec)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseUrls(urls);
        builder.Services.AddSerilog(logger, dispose: false);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();

        var app = builder.Build();
        app.UseSerilogRequestLogging();
        app.UseExceptionHandler();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapInfoEndpoints(deviceSpec);
        return app;
    }
}
