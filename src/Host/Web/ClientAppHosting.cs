using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LossSearch.Host.Web;

/// <summary>
/// The browser front end (built from <c>src/Host/ClientApp</c> into <c>wwwroot</c> beside the program): static files,
/// and <c>index.html</c> for the client-side routes (<c>/</c>, <c>/designer/{id}</c>, <c>/instances/{id}</c>).
/// Unknown <c>/api/...</c> paths stay JSON 404s.
/// </summary>
public static class ClientAppHosting
{
    public static string WebRoot { get; } = Path.Combine(AppContext.BaseDirectory, "wwwroot");

    public static WebApplication UseClientAppFiles(this WebApplication app)
    {
        app.UseStaticFiles();
        return app;
    }

    public static IEndpointRouteBuilder MapClientAppFallback(this IEndpointRouteBuilder app)
    {
        app.MapFallback("/api/{**path}", (string? path) => ApiProblems.NotFound($"no API endpoint '/api/{path}'")).ExcludeFromDescription();
        app.MapFallbackToFile("index.html");
        return app;
    }
}
