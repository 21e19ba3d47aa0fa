using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace LossSearch.Host.Bench;

/// <summary>
/// This program (<see cref="ThisProgram"/>) as a long-lived child process, its stdout and stderr lines
/// collected: the nodes of <c>bench cluster</c>, and of the tests that kill nodes.
/// </summary>
public sealed class ProgramProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ProgramProcess(Process process)
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

    public static ProgramProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = ThisProgram.StartInfo(arguments, environment, workingDirectory);
        return new ProgramProcess(Process.Start(start)!);
    }

    /// <summary>The first line of output that <paramref name="match"/> accepts, waiting up to <paramref name="timeout"/>; fails when the process exits first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellation = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_lines.FirstOrDefault(match) is { } line) return line;
            if (_process.HasExited) throw new InvalidOperationException($"losssearch exited with {_process.ExitCode}:\n{Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"losssearch printed no such line within {timeout.TotalSeconds:F0} s:\n{Output}");
            await Task.Delay(100, cancellation);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Ctrl-C (SIGINT: a node hands its running work back and leaves), then SIGKILL if it is still there after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited) return;
        using (var interrupt = Process.Start(new ProcessStartInfo("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            await interrupt!.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(grace);
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { Kill(); }
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
