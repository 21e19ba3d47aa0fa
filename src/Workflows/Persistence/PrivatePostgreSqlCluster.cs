using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LossSearch.Workflows.Persistence;

/// <summary>
/// A throw-away PostgreSQL cluster, for the tests and <c>losssearch bench cluster</c>: <c>initdb</c> and
/// <c>pg_ctl</c> from Debian's postgresql 15 (or <c>LOSSSEARCH_PG_BIN</c>), run as the unprivileged
/// <c>postgres</c> user when this process is root (the server refuses root), in a temporary folder, on
/// a free loopback port, without durability (fsync off). Dispose stops it and removes the folder.
/// </summary>
public sealed class PrivatePostgreSqlCluster : IDisposable
{
    public const string User = "losssearch";
    private readonly string _root;
    private readonly string _bin;
    private readonly string? _runAs;
    private int _stopped;

    private PrivatePostgreSqlCluster(string root, string bin, int port, string? runAs)
    {
        _root = root;
        _bin = bin;
        Port = port;
        _runAs = runAs;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>Creates, starts and returns a cluster; fails naming the missing program when PostgreSQL is not installed.</summary>
    public static PrivatePostgreSqlCluster Start()
    {
        string bin = Environment.GetEnvironmentVariable("LOSSSEARCH_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
        if (!File.Exists(Path.Combine(bin, "initdb")))
            throw new InvalidOperationException($"PostgreSQL is not installed ({bin}/initdb missing): apt-get install postgresql, or set LOSSSEARCH_PG_BIN");
        string? runAs = Environment.UserName == "root" ? "postgres" : null;
        string root = Path.Combine(Path.GetTempPath(), "losssearch-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var cluster = new PrivatePostgreSqlCluster(root, bin, FreePort(), runAs);
        try
        {
            if (runAs is not null) Run("chown", runAs, root);
            cluster.RunPg("initdb", "-D", cluster.DataDirectory, "-U", User, "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions");
            cluster.RunPg("pg_ctl", "-D", cluster.DataDirectory, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60",
                "-o", $"-p {cluster.Port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300", "start");
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
        return cluster;
    }

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

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try { RunPg("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop"); }
            catch (InvalidOperationException) { }
        }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private void RunPg(string tool, params string[] arguments)
    {
        string program = Path.Combine(_bin, tool);
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
