using System.CommandLine;
using LossSearch.Learning;
using LossSearch.Learning.Runtime;
using Microsoft.Extensions.Configuration;

namespace LossSearch.Host.Cli;

/// <summary>The <c>losssearch</c> command tree. Each command lives in its own file and is added here.</summary>
public sealed class CommandLineApp
{
    private readonly CommandRunner _runner;

    public CommandLineApp(IConfiguration configuration, TextWriter output, TextWriter error)
    {
        _runner = new CommandRunner(configuration, output, error);
        Output = output;
        Error = error;
    }

    public TextWriter Output { get; }
    public TextWriter Error { get; }

    public RootCommand BuildRoot()
    {
        var root = new RootCommand("LossSearch: search classification losses per augmentation technique, then prove them on large networks.");
        GlobalOptions.AddTo(root);
        root.Subcommands.Add(InfoCommand.Create(_runner));
        root.Subcommands.Add(ServeCommand.Create(_runner));
        root.Subcommands.Add(WorkerCommand.Create(_runner));
        root.Subcommands.Add(LossCommand.Create(_runner));
        root.Subcommands.Add(BenchCommand.Create(_runner));
        root.Subcommands.Add(DataCommand.Create(_runner));
        root.Subcommands.Add(EvolveCommand.Create(_runner));
        root.Subcommands.Add(RunCommand.Create(_runner));
        root.Subcommands.Add(InstancesCommand.Create(_runner));
        root.Subcommands.Add(ModelCommand.Create(_runner));
        root.Subcommands.Add(TrainCommand.Create(_runner));
        root.Subcommands.Add(RecipesCommand.Create(_runner));
        return root;
    }

    /// <summary>Parses and runs; parse errors are bad input (exit code 2), reported on stderr.</summary>
    public async Task<int> RunAsync(string[] args, CancellationToken cancellation = default)
    {
        var parse = BuildRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
                await Error.WriteLineAsync($"error: {problem.Message}");
            await Error.WriteLineAsync("Run with --help for usage.");
            return ExitCodes.BadInput;
        }
        // Before any command allocates through libtorch, and before TorchSharp loads it: a bad LOSSSEARCH_MALLOC
        // or LOSSSEARCH_LIBTORCH is bad input like a bad option. --help, --version and directives run no
        // command, and work in a build without libtorch.
        try
        {
            MallocThresholds.EnsureApplied();
            if (parse.Action is not null && parse.Action == parse.CommandResult.Command.Action)
                LibtorchLocation.EnsureLoaded();
        }
        catch (InvalidInputException e)
        {
            await Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        // Ctrl-C cancels the token; a training step and its checkpoint may take longer than the 2 s default.
        var configuration = new InvocationConfiguration { Output = Output, Error = Error, ProcessTerminationTimeout = TimeSpan.FromMinutes(2) };
        return await parse.InvokeAsync(configuration, cancellation);
    }

    public static IConfiguration LoadConfiguration() =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "losssearch.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
}
