using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Serilog;
using ILogger = Serilog.ILogger;
using Spectre.Console;

namespace LossSearch.Host.Cli;

/// <summary>What a command's action gets: parsed values, configuration, logger and the output writers.</summary>
public sealed class CommandContext(ParseResult parse, IConfiguration configuration, ILogger logger, TextWriter output, TextWriter error)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public ParseResult Parse { get; } = parse;
    public IConfiguration Configuration { get; } = configuration;
    public ILogger Logger { get; } = logger;
    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;
    public bool Json => Parse.GetValue(GlobalOptions.Json);
    public string DeviceSpec => Parse.GetValue(GlobalOptions.Device) ?? "auto";

    public T Value<T>(Option<T> option) => Parse.GetValue(option)!;
    public T Value<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    /// <summary>Spectre console on the command's output, for tables and progress bars.</summary>
    public IAnsiConsole Terminal => _terminal ??= AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Output) });
    private IAnsiConsole? _terminal;

    public void WriteJson<T>(T document) => Output.WriteLine(JsonSerializer.Serialize(document, JsonOptions));
}
