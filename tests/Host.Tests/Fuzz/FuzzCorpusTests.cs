using LossSearch.Fuzz;
using LossSearch.Host.Tests.Funnel;

namespace LossSearch.Host.Tests.Fuzz;

/// <summary>
/// Replays every input AFL++ kept (new coverage and findings, <c>tests/Fuzz/corpus/TARGET</c>): each gives
/// a result or our own bad-input exception, never another exception or a crash, and allocates less
/// than <see cref="MemoryBound"/>.
/// </summary>
public class FuzzCorpusTests
{
    private const long MemoryBound = 256L << 20;

    public static TheoryData<string> Targets() => [.. FuzzTargets.Names];

    [Theory]
    [MemberData(nameof(Targets))]
    public void EveryKeptInputIsAResultOrOurBadInputError(string target)
    {
        var folder = Path.Combine(RepositoryFiles.Root, "tests", "Fuzz", "corpus", target);
        var inputs = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(inputs);
        foreach (var file in inputs)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var escaped = Record.Exception(() => FuzzTargets.Run(target, File.ReadAllBytes(file)));
            Assert.True(escaped is null, $"{file}: {escaped}");
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < MemoryBound, $"{file}: allocated {allocated:N0} bytes");
        }
    }
}
