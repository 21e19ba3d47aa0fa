using System.Text.Json;
using LossSearch.Host.Bench;

namespace LossSearch.Host.Tests.Cli;

/// <summary>
/// The malloc thresholds as a fresh process of this program sets them from its environment (glibc reads
/// <c>GLIBC_TUNABLES</c> only at start-up, so these cannot be checked in the test process).
/// </summary>
public class MallocThresholdsProcessTests
{
    private static (int ExitCode, string Output, string Error) Info(string? tunables, string? optOut) =>
        ChildProcess.Run(ThisProgram.StartInfo(["info", "--json"], new Dictionary<string, string>
        {
            ["GLIBC_TUNABLES"] = tunables ?? "",
            ["LOSSSEARCH_MALLOC"] = optOut ?? "",
        }), TimeSpan.FromMinutes(2));

    private static JsonElement Malloc(string output) => JsonDocument.Parse(output).RootElement.GetProperty("malloc");

    [Fact]
    public void ByDefaultGlibcAcceptsBothThresholds()
    {
        var (exitCode, output, error) = Info(null, null);

        Assert.True(exitCode == 0, error);
        var malloc = Malloc(output);
        Assert.Equal("mallopt", malloc.GetProperty("source").GetString());
        Assert.Equal(32L << 20, malloc.GetProperty("mmapThresholdBytes").GetInt64());
        Assert.Equal(int.MaxValue, malloc.GetProperty("trimThresholdBytes").GetInt64());
    }

    [Theory]
    [InlineData("glibc.malloc.mmap_threshold=1048576", null, "GLIBC_TUNABLES")]
    [InlineData(null, "glibc", "glibc defaults (LOSSSEARCH_MALLOC=glibc)")]
    public void TheEnvironmentCanLeaveTheThresholdsToGlibc(string? tunables, string? optOut, string source)
    {
        var (exitCode, output, error) = Info(tunables, optOut);

        Assert.True(exitCode == 0, error);
        Assert.Equal(source, Malloc(output).GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, Malloc(output).GetProperty("mmapThresholdBytes").ValueKind);
    }

    [Fact]
    public void AnUnknownOptOutIsBadInputBeforeAnyCommandRuns()
    {
        var (exitCode, output, error) = Info(null, "tcmalloc");

        Assert.Equal(2, exitCode);
        Assert.Contains("LOSSSEARCH_MALLOC", error);
        Assert.Equal("", output);
    }
}
