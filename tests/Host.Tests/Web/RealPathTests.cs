using LossSearch.Host.Tests.Workflows;
using LossSearch.Host.Web.Security;

namespace LossSearch.Host.Tests.Web;

public class RealPathTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    [Fact]
    public void LinksAreResolvedComponentByComponentLikeTheKernel()
    {
        string root = _workspace.Root;
        Directory.CreateDirectory(Path.Combine(root, "a", "b"));
        Directory.CreateSymbolicLink(Path.Combine(root, "to-b"), Path.Combine(root, "a", "b"));
        Directory.CreateSymbolicLink(Path.Combine(root, "relative"), Path.Combine("a", "b"));
        File.CreateSymbolicLink(Path.Combine(root, "loop"), Path.Combine(root, "loop"));

        string real = Path.GetFullPath(root);
        Assert.Equal(Path.Combine(real, "a", "b", "f"), RealPath.Of(Path.Combine(root, "to-b", "f")));
        Assert.Equal(Path.Combine(real, "a", "b"), RealPath.Of(Path.Combine(root, "relative")));
        // "to-b/.." is the parent of the target (a), not the link's folder.
        Assert.Equal(Path.Combine(real, "a", "x"), RealPath.Of(Path.Combine(root, "to-b", "..", "x")));
        Assert.Equal(Path.Combine(real, "missing", "deeper"), RealPath.Of(Path.Combine(root, "missing", "deeper")));
        Assert.Throws<IOException>(() => RealPath.Of(Path.Combine(root, "loop", "x")));

        var roots = new DataRoots([Path.Combine(root, "a")]);
        Assert.True(roots.Allows(Path.Combine(root, "to-b", "f")));
        Assert.False(roots.Allows(Path.Combine(root, "loop")));
        Assert.False(roots.Allows(Path.Combine(root, "ab")));
        Assert.False(roots.Allows(Path.Combine(root, "to-b", "..", "..", "elsewhere")));
    }

    public void Dispose() => _workspace.Dispose();
}
