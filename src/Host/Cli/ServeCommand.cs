using System.CommandLine;
using LossSearch.Host.Engine;
using LossSearch.Host.Web;

namespace LossSearch.Host.Cli;

/// <summary><c>losssearch serve</c>: the REST API, designer and dashboard.</summary>
public static class ServeCommand
{
    public static readonly Option<string> Urls = new("--urls")
    {
        Description = "Addresses to listen on (semicolon-separated).",
        DefaultValueFactory = _ => "http://localhost:5000",
    };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("serve", "Run the REST API, the designer and the dashboard.") { Urls, EngineOptions.Store, EngineOptions.Database, EngineOptions.Artifacts, EngineOptions.GpuSlots };
        runner.Bind(command, async (context, cancellation) =>
        {
            var app = ServerApp.Build([], context.Value(Urls), context.Logger, context.DeviceSpec, EngineOptions.From(context));
            await app.RunAsync(cancellation);
            return ExitCodes.Success;
        });
        return command;
    }
}
