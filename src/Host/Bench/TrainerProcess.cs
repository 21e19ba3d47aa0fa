using System.Globalization;
using System.Text.Json;

namespace LossSearch.Host.Bench;

/// <summary>
/// Our side of <c>bench compare</c> in a fresh process, as the PyTorch side runs: this build's own executable
/// (<c>losssearch bench trainer-steps</c>) with a <see cref="Lever"/>'s environment, which glibc, libgomp,
/// libtorch and the .NET runtime read only at process start.
/// </summary>
public sealed class TrainerProcess(string deviceSpec)
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(1);

    public TrainerStepTime MeanStepSeconds(CompareNetwork network, Lever lever, int steps, int warmup, int threads)
    {
        string[] arguments =
        [
            "bench", "trainer-steps", "--json", "--device", deviceSpec, "--network", network.Model,
            "--steps", Invariant(steps), "--warmup", Invariant(warmup), "--threads", Invariant(threads),
            "--interop-threads", Invariant(lever.InteropThreads), .. lever.FlatParameters switch
            {
                true => ["--flat-parameters"],
                false => ["--plain-parameters"],
                null => Array.Empty<string>(),
            },
        ];
        var (exitCode, output, error) = ChildProcess.Run(ThisProgram.StartInfo(arguments, lever.Environment), Limit);
        if (exitCode != 0) throw new InvalidOperationException($"bench trainer-steps ({lever.Name}) exited with {exitCode}: {error.Trim()}");
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        int reportedThreads = root.GetProperty("threads").GetInt32();
        if (reportedThreads != threads) throw new InvalidOperationException($"bench trainer-steps ({lever.Name}) ran on {reportedThreads} threads, not the {threads} asked for");
        return new TrainerStepTime(new StepTime(root.GetProperty("meanStepSeconds").GetDouble(), root.GetProperty("meanStepCpuSeconds").GetDouble()),
            root.GetProperty("gen0CollectionsPerStep").GetDouble(), root.GetProperty("allocatedKiBPerStep").GetDouble(), root.GetProperty("gcPauseMsPerStep").GetDouble());
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
