using LossSearch.Learning.Runtime;

namespace LossSearch.Learning.Tests.Runtime;

/// <summary><see cref="DynamicLinker"/> opens libraries both ways and reports the linker's own reason.</summary>
public sealed class DynamicLinkerTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ASystemLibraryOpensEitherWay(bool bindNow)
    {
        if (!OperatingSystem.IsLinux()) return;
        string libm = new[] { "/lib/x86_64-linux-gnu/libm.so.6", "/usr/lib/x86_64-linux-gnu/libm.so.6", "/lib64/libm.so.6" }.First(File.Exists);

        DynamicLinker.Load(libm, bindNow);
    }

    [Fact]
    public void AMissingFileIsReportedWithTheLinkersReason()
    {
        if (!OperatingSystem.IsLinux()) return;
        string path = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.so");

        var error = Assert.Throws<DllNotFoundException>(() => DynamicLinker.Load(path, bindNow: true));

        Assert.Contains(path, error.Message);
        Assert.Contains("No such file", error.Message);
    }
}
