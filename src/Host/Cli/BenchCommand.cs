using System.CommandLine;

namespace LossSearch.Host.Cli;

/// <summary>
/// <c>losssearch bench …</c>: speed measurements, one subcommand per concern, each in its own file
/// (<c>Bench&lt;Name&gt;Command.cs</c>) and added here with one line.
/// </summary>
public static class BenchCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("bench", "Measure the speed of parts of the system on this machine.");
        command.Subcommands.Add(BenchLossesCommand.Create(runner));
        command.Subcommands.Add(BenchDataCommand.Create(runner));
        command.Subcommands.Add(BenchTrainCommand.Create(runner));
        command.Subcommands.Add(BenchEvolveCommand.Create(runner));
        command.Subcommands.Add(BenchCompareCommand.Create(runner));
        command.Subcommands.Add(BenchTrainerStepsCommand.Create(runner));
        command.Subcommands.Add(BenchClusterCommand.Create(runner));
        return command;
    }
}
