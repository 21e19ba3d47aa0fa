using System.Net;
using System.Net.Sockets;
using LossSearch.Host.Bench;

namespace LossSearch.Host.Tests.Workflows;

/// <summary>A real <c>losssearch serve</c> child process on a free port, killable with SIGKILL.</summary>
public sealed class ServeProcess : IDisposable
{
    private readonly ProgramProcess _process;

    private ServeProcess(ProgramProcess process, Uri address)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    /// <summary>What the process wrote on stdout and stderr so far.</summary>
    public string Output => _process.Output;

    /// <param name="token">The API token, handed over in LOSSSEARCH_API_TOKEN; <see cref="Client"/> then sends it.</param>
    /// <param name="environment">More settings as environment variables (<c>Data__Roots__0</c>, <c>Workflows__ClusterCheckinSeconds</c>).</param>
    /// <param name="arguments">Further options of <c>serve</c> (<c>--store</c>, <c>--gpu-slots</c>, ...).</param>
    public static async Task<ServeProcess> StartAsync(TempWorkspace workspace, string? token = null,
        IReadOnlyDictionary<string, string>? environment = null, IEnumerable<string>? arguments = null)
    {
        int port = FreePort();
        var variables = workspace.Environment;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) variables[name] = value;
        if (token is not null) variables["LOSSSEARCH_API_TOKEN"] = token;
        var process = ProgramProcess.Start(["serve", "--urls", $"http://127.0.0.1:{port}", .. arguments ?? []], variables, workspace.Root);
        var serve = new ServeProcess(process, new Uri($"http://127.0.0.1:{port}"));
        if (token is not null) serve.Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        await serve.WaitUntilListeningAsync();
        return serve;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash.</summary>
    public void Kill() => _process.Kill();

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"losssearch serve exited with {_process.ExitCode}:\n{_process.Output}");
            try
            {
                if ((await Client.GetAsync("/api/workflow-instances")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("losssearch serve did not start listening within 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Client.Dispose();
        _process.Dispose();
    }
}
