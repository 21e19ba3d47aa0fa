using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LossSearch.Workflows.Tests.Support;

/// <summary>
/// A private PostgreSQL cluster for the tests: <c>initdb</c> and <c>pg_ctl</c> from Debian's
/// postgresql 15, run as the unprivileged <c>postgres</c> user when the tests run as root (the server
/// refuses root), in a temporary folder, on a free loopback port. One per test process, stopped and
/// removed when the process exits; each test gets its own database.
/// </summary>
public sealed class PostgreSqlServer
{
    public const string User = "losssearch";
    private static readonly Lazy<PostgreSqlServer> SharedServer = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly string _root;
    private readonly string? _runAs;

    private PostgreSqlServer(string root, int port, string? runAs)
    {
        _root = root;
        Port = port;
        _runAs = runAs;
    }

    public static PostgreSqlServer Shared => SharedServer.Value;

    public int Port { get; }

    /// <summary>Creates an empty database and returns its <c>postgresql://</c> URI.</summary>
    public string CreateDatabase()
    {
        string name = "t_" + Guid.NewGuid().ToString("N")[..16];
        using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username={User};Database=postgres;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name}";
        command.ExecuteNonQuery();
        return Uri(name);
    }

    public string Uri(string database) => $"postgresql://{User}@127.0.0.1:{Port}/{database}";

    private static PostgreSqlServer Start()
    {
        string bin = Environment.GetEnvironmentVariable("LOSSSEARCH_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
        if (!File.Exists(Path.Combine(bin, "initdb")))
            throw new InvalidOperationException($"PostgreSQL is not installed ({bin}/initdb missing); ./test.sh installs Debian's postgresql");
        string? runAs = Environment.UserName == "root" ? "postgres" : null;
        string root = Path.Combine(Path.GetTempPath(), "losssearch-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        if (runAs is not null) Run("chown", runAs, root);
        string data = Path.Combine(root, "data");
        int port = FreePort();
        var server = new PostgreSqlServer(root, port, runAs);
        server.RunPg(bin, "initdb", "-D", data, "-U", User, "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions");
        server.RunPg(bin, "pg_ctl", "-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300", "start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop(bin, data);
        return server;
    }

    private void Stop(string bin, string data)
    {
        try { RunPg(bin, "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"); }
        catch (InvalidOperationException) { }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private void RunPg(string bin, string tool, params string[] arguments)
    {
        string program = Path.Combine(bin, tool);
        if (_runAs is null) Run(program, arguments);
        else Run("runuser", ["-u", _runAs, "--", program, .. arguments]);
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {error}{output.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
