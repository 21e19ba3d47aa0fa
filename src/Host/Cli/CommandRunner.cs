using System.CommandLine;
using LossSearch.Host.Logging;
using LossSearch.Learning;
using LossSearch.Learning.Data;
using LossSearch.Learning.Runtime;
using LossSearch.Workflows;
using LossSearch.Workflows.Definitions;
using LossSearch.Workflows.Persistence;
using Microsoft.Extensions.Configuration;
using Serilog;

namespace LossSearch.Host.Cli;

public delegate Task<int> CommandAction(CommandContext context, CancellationToken cancellation);

/// <summary>
/// Runs a command's action with logging set up, and turns exceptions into the exit codes the CLI
/// promises: 2 for bad input, 130 for an interruption, 1 for any other failure while running.
/// </summary>
public sealed class CommandRunner(IConfiguration configuration, TextWriter output, TextWriter error)
{
    public void Bind(Command command, CommandAction action) =>
        command.SetAction((parse, cancellation) => RunAsync(parse, action, cancellation));

    private async Task<int> RunAsync(ParseResult parse, CommandAction action, CancellationToken cancellation)
    {
        await using var logger = LoggingSetup.CreateLogger(configuration, parse.GetValue(GlobalOptions.Verbose));
        var context = new CommandContext(parse, configuration, logger, output, error);
        try
        {
            // The global --device is what every "auto" device means in this process: run, serve, instances
            // resume and workers hand it to the activities whose device input is auto.
            DeviceSelection.SetProcessDefault(context.DeviceSpec);
            ReaderLimits.MaxDecompressedBytes = configuration.GetValue("Data:MaxDecompressedBytes", ReaderLimits.MaxDecompressedBytes);
            ReaderLimits.MaxNesting = configuration.GetValue("Data:MaxNesting", ReaderLimits.MaxNesting);
            ReaderLimits.MaxImagePixels = configuration.GetValue("Data:MaxImagePixels", ReaderLimits.MaxImagePixels);
            return await action(context, cancellation);
        }
        catch (Exception e) when (IsBadInput(e))
        {
            logger.Debug(e, "Bad input");
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await error.WriteLineAsync("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            logger.Error(e, "Command {Command} failed", parse.CommandResult.Command.Name);
            await error.WriteLineAsync($"failed: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static bool IsBadInput(Exception e) =>
        e is InvalidInputException or FileNotFoundException or DirectoryNotFoundException
            or WorkflowValidationException or WorkflowNotFoundException or WorkflowConflictException or StoreLocationException;
}
