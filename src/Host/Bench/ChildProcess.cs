using System.Diagnostics;
using LossSearch.Learning;

namespace LossSearch.Host.Bench;

/// <summary>One measurement in a fresh process of the bench's: its exit code and both outputs, killed past a limit.</summary>
public static class ChildProcess
{
    public static (int ExitCode, string Output, string Error) Run(
        string file, IEnumerable<string> arguments, TimeSpan limit, IReadOnlyDictionary<string, string>? environment = null, string? missingHint = null)
    {
        var start = new ProcessStartInfo(file);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return Run(start, limit, missingHint);
    }

    /// <summary>Runs <paramref name="start"/> (whose outputs this redirects) to its end or to <paramref name="limit"/>.</summary>
    public static (int ExitCode, string Output, string Error) Run(ProcessStartInfo start, TimeSpan limit, string? missingHint = null)
    {
        (start.RedirectStandardOutput, start.RedirectStandardError, start.UseShellExecute) = (true, true, false);
        string file = start.FileName;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidInputException($"'{file}' did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidInputException($"'{file}' cannot be run ({e.Message}){missingHint}.");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(limit))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"'{file}' ran past {limit}");
            }
            return (process.ExitCode, output.Result, error.Result);
        }
    }
}
