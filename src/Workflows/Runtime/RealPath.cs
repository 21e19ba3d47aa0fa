namespace LossSearch.Workflows.Runtime;

/// <summary>
/// A path with every symbolic link along it resolved (what <c>realpath(3)</c> gives), for the
/// parts that exist; the rest is kept as written. Two spellings of one file give one answer.
/// </summary>
internal static class RealPath
{
    private const int MaxLinks = 40;

    public static string Of(string path) => Resolve(Path.GetFullPath(path), 0);

    private static string Resolve(string full, int depth)
    {
        string root = Path.GetPathRoot(full) ?? "/";
        string current = root;
        foreach (string part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            string next = Path.Combine(current, part);
            string? target = new FileInfo(next).LinkTarget;
            if (target is not null)
            {
                if (depth >= MaxLinks) throw new IOException($"too many levels of symbolic links in {full}");
                next = Resolve(Path.GetFullPath(target, current), depth + 1);
            }
            current = next;
        }
        return current;
    }
}
