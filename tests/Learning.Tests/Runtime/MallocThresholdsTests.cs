using LossSearch.Learning.Runtime;

namespace LossSearch.Learning.Tests.Runtime;

/// <summary>When <see cref="MallocThresholds"/> calls mallopt, with what, and when it leaves glibc alone.</summary>
public sealed class MallocThresholdsTests
{
    private readonly List<(int Parameter, int Value)> _calls = [];

    private int Accept(int parameter, int value)
    {
        _calls.Add((parameter, value));
        return 1;
    }

    [Fact]
    public void WithoutSettingsBothThresholdsAreFixedTogether()
    {
        var applied = MallocThresholds.Apply(null, null, linux: true, Accept);

        // glibc's M_TRIM_THRESHOLD is -1 and M_MMAP_THRESHOLD -3 (malloc.h).
        Assert.Equal([(-3, 32 * 1024 * 1024), (-1, int.MaxValue)], _calls);
        Assert.Equal(new MallocThresholds("mallopt", 32L << 20, int.MaxValue), applied);
    }

    [Theory]
    [InlineData("glibc.malloc.mmap_threshold=1048576")]
    [InlineData("glibc.cpu.hwcaps=-AVX512F:glibc.malloc.trim_threshold=1")]
    public void AThresholdInGlibcTunablesIsLeftToGlibc(string tunables)
    {
        var applied = MallocThresholds.Apply(tunables, null, linux: true, Accept);

        Assert.Empty(_calls);
        Assert.Equal("GLIBC_TUNABLES", applied.Source);
        Assert.Null(applied.MmapThresholdBytes);
    }

    [Theory]
    [InlineData("glibc.malloc.hugetlb=1")]
    [InlineData("")]
    public void OtherTunablesCombineWithTheThresholds(string tunables)
    {
        Assert.Equal("mallopt", MallocThresholds.Apply(tunables, null, linux: true, Accept).Source);
        Assert.Equal(2, _calls.Count);
    }

    [Fact]
    public void TheOptOutKeepsGlibcsDefaults()
    {
        var applied = MallocThresholds.Apply(null, "glibc", linux: true, Accept);

        Assert.Empty(_calls);
        Assert.Equal("glibc defaults (LOSSSEARCH_MALLOC=glibc)", applied.Source);
    }

    [Fact]
    public void AnUnknownOptOutValueIsBadInputNamingTheVariable()
    {
        var error = Assert.Throws<InvalidInputException>(() => MallocThresholds.Apply(null, "jemalloc", linux: true, Accept));

        Assert.Contains("LOSSSEARCH_MALLOC", error.Message);
        Assert.Contains("jemalloc", error.Message);
        Assert.Empty(_calls);
    }

    [Fact]
    public void ARefusedMmapThresholdLeavesGlibcAsItWasWithoutATrimThresholdAlone()
    {
        // As glibc answers with glibc.malloc.hugetlb=2 (heap of 4 huge pages) or on 32-bit systems.
        var applied = MallocThresholds.Apply(null, null, linux: true, (p, v) => { _calls.Add((p, v)); return p == -3 ? 0 : 1; });

        Assert.Equal([(-3, 32 * 1024 * 1024)], _calls);
        Assert.Equal("glibc defaults (glibc refused an mmap threshold of 32 MiB)", applied.Source);
        Assert.Null(applied.TrimThresholdBytes);
    }

    [Fact]
    public void GlibcsOlderThresholdVariablesAreLeftToGlibc()
    {
        var applied = MallocThresholds.Apply(null, null, linux: true, Accept, thresholdVariableSet: true);

        Assert.Empty(_calls);
        Assert.Equal("MALLOC_*_THRESHOLD_ variables", applied.Source);
    }

    [Fact]
    public void ElsewhereThanLinuxNothingIsCalled()
    {
        Assert.Equal("not glibc", MallocThresholds.Apply(null, null, linux: false, Accept).Source);
        Assert.Empty(_calls);
    }
}
