using System.Text.Json;
using LossSearch.Host.Cli;
using Microsoft.Extensions.Configuration;

namespace LossSearch.Host.Tests.Cli;

/// <summary>Runs the CLI in process, capturing stdout and stderr; logs go to a per-test temp folder.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<CliRun> Of(params string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:Directory"] = Path.Combine(Path.GetTempPath(), "losssearch-tests", "logs"),
            })
            .Build();
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await new CommandLineApp(configuration, output, error).RunAsync(args);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public JsonElement Json() => JsonDocument.Parse(Stdout).RootElement;
}
