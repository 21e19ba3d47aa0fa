using System.Collections.Concurrent;
using System.Diagnostics;

namespace LossSearch.Host.Tests.Workflows;

/// <summary>
/// The built program (<c>losssearch.dll</c>, copied beside the tests by the project reference) as a child
/// process in a workspace, its stdout and stderr collected; killable with SIGKILL like a crash.
/// </summary>
public sealed class LossSearchProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private LossSearchProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) _lines.Enqueue(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) _lines.Enqueue(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What the process wrote on stdout and stderr so far.</summary>
    public string Output => string.Join('\n', _lines);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>losssearch ARGS</c> with its logs, database and artifacts in <paramref name="workspace"/> unless the arguments or <paramref name="environment"/> say otherwise.</summary>
    public static LossSearchProcess Start(TempWorkspace workspace, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workspace.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "losssearch.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["Workflows__Database"] = workspace.Database;
        start.Environment["Workflows__Artifacts"] = workspace.Artifacts;
        start.Environment["Logging__Directory"] = Path.Combine(workspace.Root, "logs");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return new LossSearchProcess(Process.Start(start)!);
    }

    /// <summary>The first line of output that <paramref name="match"/> accepts, waiting up to <paramref name="timeout"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_lines.FirstOrDefault(match) is { } line) return line;
            if (_process.HasExited) throw new InvalidOperationException($"losssearch exited with {_process.ExitCode}:\n{Output}");
            await Task.Delay(100);
        }
        throw new TimeoutException($"losssearch printed no such line within {timeout.TotalSeconds:F0} s:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
