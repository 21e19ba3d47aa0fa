using System.Diagnostics;

namespace LossSearch.Host.Bench;

/// <summary>
/// How to start this program again as a child process: its apphost when there is one beside
/// <c>losssearch.dll</c>, else <c>dotnet losssearch.dll</c>. The bench's measuring processes and the nodes of
/// <c>bench cluster</c> and of the multi-process tests all start it this way.
/// </summary>
public static class ThisProgram
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        // The folder rather than the assembly's location, which a single-file build leaves empty.
        string dll = Path.Combine(AppContext.BaseDirectory, "losssearch.dll");
        string apphost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "losssearch.exe" : "losssearch");
        bool native = File.Exists(apphost);
        var start = new ProcessStartInfo(native ? apphost : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        if (!native) start.ArgumentList.Add(dll);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return start;
    }
}
