namespace LossSearch.Workflows.Runtime;

/// <summary>
/// One engine per SQLite database: that Quartz store is not clustered, so a second scheduler on the
/// same file would take the first one's running activities for a crash and recover them twice. An
/// exclusive lock on <c>&lt;database&gt;.engine.lock</c> (released by the OS if the process dies)
/// makes a second engine refuse to start. The lock sits beside the database's real path, so a
/// symbolic link to the file (or to a folder above it) reaches the same lock.
/// </summary>
internal sealed class EngineLock : IDisposable
{
    private readonly FileStream _stream;

    private EngineLock(FileStream stream) => _stream = stream;

    public static EngineLock Acquire(string databasePath)
    {
        string path = RealPath.Of(databasePath) + ".engine.lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true)) writer.Write(Environment.ProcessId);
            stream.Flush();
            return new EngineLock(stream);
        }
        catch (IOException)
        {
            string owner = TryRead(path);
            throw new WorkflowConflictException(
                $"the workflow database {databasePath} is in use by another engine (process {owner}); stop it, or use that server's REST API");
        }
    }

    private static string TryRead(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd().Trim();
        }
        catch (IOException) { return "unknown"; }
    }

    public void Dispose() => _stream.Dispose();
}
