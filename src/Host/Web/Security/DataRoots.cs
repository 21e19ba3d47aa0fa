namespace LossSearch.Host.Web.Security;

/// <summary>
/// The folders whose files a request over the network may name (<c>Data:Roots</c>, default <c>./data</c>
/// and <c>/usr/share/datasets</c>, plus the artifacts folder), compared after resolving symbolic links.
/// </summary>
public sealed class DataRoots
{
    public static readonly IReadOnlyList<string> Defaults = ["./data", "/usr/share/datasets"];

    private readonly IReadOnlyList<string> _resolved;

    public DataRoots(IEnumerable<string> roots)
    {
        var list = roots.ToList();
        Display = list.Select(Path.GetFullPath).Distinct().ToList();
        _resolved = list.Select(RealPath.Of).Distinct().ToList();
    }

    /// <summary>The roots as configured (absolute), for messages.</summary>
    public IReadOnlyList<string> Display { get; }

    public bool Allows(string path)
    {
        string resolved;
        try { resolved = RealPath.Of(path); }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException) { return false; }
        return _resolved.Any(root => RealPath.IsUnder(resolved, root));
    }

    /// <summary>The one message for a refused path, whether or not the file exists.</summary>
    public string Refusal(string path) =>
        $"'{path}' is not under the data roots ({string.Join(", ", Display)}); a request may only name files there (Data:Roots).";
}
