namespace LossSearch.Host.Web.Security;

/// <summary>
/// A path with every symbolic link resolved, component by component as the kernel does (so that
/// <c>link/..</c> is the parent of the link's target, not of the link). Components that do not exist
/// are kept as written; the answer does not depend on whether the file exists.
/// </summary>
public static class RealPath
{
    private const int MaxLinks = 40;

    public static string Of(string path)
    {
        // Not Path.GetFullPath: it would fold ".." before the links it follows are known.
        string full = Path.IsPathRooted(path) ? path : Path.Combine(Directory.GetCurrentDirectory(), path);
        var pending = new LinkedList<string>(Components(full));
        string current = Path.GetPathRoot(full) ?? "/";
        string root = current;
        int links = 0;
        while (pending.First is { } first)
        {
            string part = first.Value;
            pending.RemoveFirst();
            if (part == ".") continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }
            string next = Path.Combine(current, part);
            string? target = LinkTarget(next);
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinks) throw new IOException($"too many levels of symbolic links in '{path}'");
            if (Path.IsPathRooted(target)) current = Path.GetPathRoot(target) ?? root;
            foreach (var component in Components(target).Reverse()) pending.AddFirst(component);
        }
        return current;
    }

    /// <summary>Whether <paramref name="path"/> (resolved) is <paramref name="root"/> (resolved) or inside it.</summary>
    public static bool IsUnder(string path, string root) =>
        path == root || path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static IEnumerable<string> Components(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);

    private static string? LinkTarget(string path)
    {
        try { return new FileInfo(path).LinkTarget; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
