namespace LossSearch.Host.Tests.Funnel;

/// <summary>Files of the repository the tests run from (found by walking up to LossSearch.sln).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Workflow(string name) => Path.Combine(Root, "workflows", name);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "LossSearch.sln"))) return directory.FullName;
        throw new InvalidOperationException($"no LossSearch.sln above {AppContext.BaseDirectory}");
    }
}
