namespace LossSearch.Host.Bench;

/// <summary>A <c>losssearch worker</c> node as a child process, known by the node id it prints once it has joined the cluster.</summary>
public sealed class WorkerProcess : IDisposable
{
    private const string NodeLine = "worker node ";

    private WorkerProcess(ProgramProcess process, string nodeId)
    {
        Process = process;
        NodeId = nodeId;
    }

    public ProgramProcess Process { get; }

    /// <summary>The node's Quartz instance id, as the journal names it.</summary>
    public string NodeId { get; }

    /// <summary>Starts <c>losssearch worker ARGS</c> and waits until it has joined the cluster, up to <paramref name="timeout"/>.</summary>
    public static async Task<WorkerProcess> StartAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout,
        string? workingDirectory = null, CancellationToken cancellation = default)
    {
        var process = ProgramProcess.Start(["worker", .. arguments], environment, workingDirectory);
        try
        {
            string line = await process.WaitForLineAsync(l => l.StartsWith(NodeLine, StringComparison.Ordinal), timeout, cancellation);
            return new WorkerProcess(process, line[NodeLine.Length..line.IndexOf(':')]);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    public void Dispose() => Process.Dispose();
}
