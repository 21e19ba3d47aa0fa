namespace LossSearch.Learning.Tests.Data;

internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("losssearch-data-").FullName;
    public string this[string relative] => System.IO.Path.Combine(Path, relative);
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
