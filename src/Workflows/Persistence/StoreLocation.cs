using Npgsql;

namespace LossSearch.Workflows.Persistence;

/// <summary>
/// Where the instance store and the Quartz job store live: <c>sqlite:PATH</c> (one file, one engine)
/// or <c>postgresql://user[:password]@host[:port]/database</c> (a Quartz cluster of nodes).
/// </summary>
public sealed record StoreLocation
{
    private StoreLocation(StoreKind kind, string text, string connectionString, string? sqlitePath)
    {
        Kind = kind;
        Text = text;
        ConnectionString = connectionString;
        SqlitePath = sqlitePath;
    }

    public StoreKind Kind { get; }
    /// <summary>The store as given, password removed: safe to log and to name in errors.</summary>
    public string Text { get; }
    public string ConnectionString { get; }
    /// <summary>The SQLite file (absolute); null for PostgreSQL.</summary>
    public string? SqlitePath { get; }

    public bool IsClustered => Kind == StoreKind.PostgreSql;

    public static StoreLocation Sqlite(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new StoreLocationException("store 'sqlite:' names no file; use sqlite:PATH");
        string full = Path.GetFullPath(path);
        // A busy timeout so concurrent writers (REST, CLI beside a server) wait rather than fail.
        return new StoreLocation(StoreKind.Sqlite, "sqlite:" + full, $"Data Source={full};Default Timeout=30;Pooling=True", full);
    }

    /// <summary>Parses <c>sqlite:PATH</c> or a <c>postgresql://</c> URI; a clear <see cref="StoreLocationException"/> otherwise.</summary>
    public static StoreLocation Parse(string text)
    {
        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase)) return Sqlite(text["sqlite:".Length..]);
        if (text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
            return PostgreSql(text);
        throw new StoreLocationException($"store '{Redacted(text)}' is neither sqlite:PATH nor postgresql://user[:password]@host[:port]/database");
    }

    private static StoreLocation PostgreSql(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            throw new StoreLocationException($"store '{Redacted(text)}' is not a valid URI; expected postgresql://user[:password]@host[:port]/database");
        string database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        string[] credentials = uri.UserInfo.Split(':', 2);
        string user = Uri.UnescapeDataString(credentials[0]);
        if (database.Length == 0 || database.Contains('/'))
            throw new StoreLocationException($"store '{Redacted(text)}' names no database; expected postgresql://user[:password]@host[:port]/database");
        if (user.Length == 0)
            throw new StoreLocationException($"store '{Redacted(text)}' names no user; expected postgresql://user[:password]@host[:port]/database");
        if (uri.Query.Length > 0)
            throw new StoreLocationException($"store '{Redacted(text)}' has query parameters, which are not supported");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = database,
            Username = user,
            Timeout = 10,
        };
        if (credentials.Length == 2) builder.Password = Uri.UnescapeDataString(credentials[1]);
        string shown = $"postgresql://{Uri.EscapeDataString(user)}@{uri.Host}:{builder.Port}/{Uri.EscapeDataString(database)}";
        return new StoreLocation(StoreKind.PostgreSql, shown, builder.ConnectionString, null);
    }

    /// <summary>Drops a password from a URI-looking text so that an error never shows it.</summary>
    private static string Redacted(string text)
    {
        int scheme = text.IndexOf("://", StringComparison.Ordinal);
        int at = text.LastIndexOf('@');
        if (scheme < 0 || at < scheme) return text;
        int colon = text.IndexOf(':', scheme + 3);
        return colon > 0 && colon < at ? text[..colon] + ":***" + text[at..] : text;
    }

    public override string ToString() => Text;
}
