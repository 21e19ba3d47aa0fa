using System.CommandLine;
using LossSearch.Host.Engine;
using LossSearch.Host.Web;
using LossSearch.Host.Web.Security;
using Microsoft.Extensions.Configuration;

namespace LossSearch.Host.Cli;

/// <summary><c>losssearch serve</c>: the REST API, designer and dashboard.</summary>
public static class ServeCommand
{
    public const string TokenVariable = "LOSSSEARCH_API_TOKEN";

    public static readonly Option<string> Urls = new("--urls")
    {
        Description = "Addresses to listen on (semicolon-separated); anything but loopback needs an API token.",
        DefaultValueFactory = _ => "http://localhost:5000",
    };

    public static readonly Option<string?> ApiToken = new("--api-token")
    {
        Description = $"Every /api request must then send Authorization: Bearer TOKEN (default: ${TokenVariable}; the variable keeps it out of the process list).",
    };

    public static readonly Option<string[]> AllowedHosts = new("--allowed-host")
    {
        Description = "A further name requests may carry in their Host header (besides the bound addresses and loopback). Repeatable; also Server:AllowedHosts.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<string?> CorsOrigin = new("--cors-origin")
    {
        Description = "The one other origin (e.g. https://dash.example.org) whose pages may call the API (default: Server:CorsOrigin, none).",
    };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("serve", "Run the REST API, the designer and the dashboard.")
        {
            Urls, ApiToken, AllowedHosts, CorsOrigin, EngineOptions.Store, EngineOptions.Database, EngineOptions.Artifacts, EngineOptions.GpuSlots,
        };
        runner.Bind(command, async (context, cancellation) =>
        {
            string urls = context.Value(Urls);
            var configuration = context.Configuration;
            var hosts = (context.Parse.GetValue(AllowedHosts) ?? [])
                .Concat(configuration.GetSection("Server:AllowedHosts").Get<string[]>() ?? [])
                .Concat((configuration["Server:AllowedHosts"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            var security = ServerSecurity.For(urls, context.Parse.GetValue(ApiToken) ?? configuration[TokenVariable], hosts,
                context.Parse.GetValue(CorsOrigin) ?? configuration["Server:CorsOrigin"]) with
            {
                DataRoots = configuration.GetSection("Data:Roots").Get<string[]>() is { Length: > 0 } roots ? roots : DataRoots.Defaults,
                Limits = configuration.GetSection("Server:Limits").Get<RequestLimits>() ?? new RequestLimits(),
            };
            context.Logger.Information("Serving on {Urls}; API token {TokenState}", urls, security.Token is null ? "not required" : "required");
            var app = ServerApp.Build([], urls, context.Logger, context.DeviceSpec, EngineOptions.From(context), security: security);
            await app.RunAsync(cancellation);
            return ExitCodes.Success;
        });
        return command;
    }
}
