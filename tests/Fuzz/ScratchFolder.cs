namespace LossSearch.Fuzz;

/// <summary>A fresh folder under the temp directory for one input, removed afterwards.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder(string target)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"losssearch-fuzz-{Environment.ProcessId}-{target}");
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
