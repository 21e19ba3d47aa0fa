using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LossSearch.Host.Tests.Workflows;

/// <summary>A real <c>losssearch serve</c> child process on a free port, killable with SIGKILL.</summary>
public sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines;

    private ServeProcess(Process process, System.Collections.Concurrent.ConcurrentQueue<string> lines, Uri address)
    {
        _process = process;
        _lines = lines;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    /// <summary>What the process wrote on stdout and stderr so far.</summary>
    public string Output => string.Join('\n', _lines);

    /// <param name="token">The API token, handed over in LOSSSEARCH_API_TOKEN; <see cref="Client"/> then sends it.</param>
    /// <param name="environment">More settings as environment variables (<c>Data__Roots__0</c>, <c>Server__Limits__MaxBodyBytes</c>).</param>
    public static async Task<ServeProcess> StartAsync(TempWorkspace workspace, string? token = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        int port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workspace.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "losssearch.dll"), "serve", "--urls", $"http://127.0.0.1:{port}" })
            start.ArgumentList.Add(arg);
        start.Environment["Workflows__Database"] = workspace.Database;
        start.Environment["Workflows__Artifacts"] = workspace.Artifacts;
        start.Environment["Logging__Directory"] = Path.Combine(workspace.Root, "logs");
        if (token is not null) start.Environment["LOSSSEARCH_API_TOKEN"] = token;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = Process.Start(start)!;
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) lines.Enqueue(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lines.Enqueue(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var serve = new ServeProcess(process, lines, new Uri($"http://127.0.0.1:{port}"));
        if (token is not null) serve.Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        await serve.WaitUntilListeningAsync();
        return serve;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"losssearch serve exited with {_process.ExitCode}");
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
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
