using System.Diagnostics;

namespace LossSearch.Host.Tests.Bench;

/// <summary>A fact that needs /usr/bin/python3 with torch (Debian's python3-torch, which test.sh installs); reported as skipped without it.</summary>
public sealed class PyTorchFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import torch"]) { RedirectStandardError = true, RedirectStandardOutput = true });
            if (process is null) return false;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public PyTorchFactAttribute()
    {
        if (!Available.Value) Skip = "/usr/bin/python3 cannot import torch (install python3-torch)";
    }
}
