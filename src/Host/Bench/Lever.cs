using LossSearch.Learning.Runtime;

namespace LossSearch.Host.Bench;

/// <summary>
/// One speed lever of <c>bench compare</c>: our trainer's side run in a fresh process with these environment
/// variables (read by glibc, libgomp, libtorch or the .NET runtime at process start) and these in-process settings.
/// The baseline has none; every lever is measured against PyTorch and against the baseline of the same round.
/// </summary>
public sealed record Lever(string Name, string Description, IReadOnlyDictionary<string, string> Environment, int InteropThreads = 0, bool? FlatParameters = null)
{
    public static readonly Lever Baseline = new("baseline", "the trainer as it ships (flat parameters, fixed malloc thresholds)", new Dictionary<string, string>());

    public static readonly IReadOnlyList<Lever> All =
    [
        Baseline,
        new("hugetlb", "glibc malloc backs large blocks with transparent huge pages (GLIBC_TUNABLES=glibc.malloc.hugetlb=1)",
            new Dictionary<string, string> { ["GLIBC_TUNABLES"] = "glibc.malloc.hugetlb=1" }),
        new("thp", "libtorch's CPU allocator aligns blocks of 2 MiB and more to huge pages and advises them (THP_MEM_ALLOC_ENABLE=1)",
            new Dictionary<string, string> { ["THP_MEM_ALLOC_ENABLE"] = "1" }),
        new("omp-passive", "OpenMP workers sleep instead of spinning between parallel regions (OMP_WAIT_POLICY=PASSIVE)",
            new Dictionary<string, string> { ["OMP_WAIT_POLICY"] = "PASSIVE" }),
        new("omp-active", "OpenMP workers spin between parallel regions (OMP_WAIT_POLICY=ACTIVE)",
            new Dictionary<string, string> { ["OMP_WAIT_POLICY"] = "ACTIVE" }),
        new("interop-1", "one inter-op thread (torch.set_num_interop_threads(1))", new Dictionary<string, string>(), InteropThreads: 1),
        new("flat-parameters", "the optimizer updates one flat buffer that every parameter is a view of (TrainingRun.FlatParameters)",
            new Dictionary<string, string>(), FlatParameters: true),
        new("plain-parameters", "the optimizer updates every parameter tensor on its own (TrainingRun.FlatParameters = false; the default before)",
            new Dictionary<string, string>(), FlatParameters: false),
        new("glibc-malloc", "glibc malloc's own thresholds, adjusted as blocks are freed (LOSSSEARCH_MALLOC=glibc; the default before)",
            new Dictionary<string, string> { [MallocThresholds.OptOutVariable] = "glibc" }),
        new("gc-gen0-256m", "a 256 MiB gen-0 budget: fewer .NET collections of the tensor wrappers (DOTNET_GCgen0size=0x10000000)",
            new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "0x10000000" }),
        new("gc-nonconcurrent", ".NET collections without the background GC thread (DOTNET_gcConcurrent=0)",
            new Dictionary<string, string> { ["DOTNET_gcConcurrent"] = "0" }),
    ];

    public static Lever Named(string name) =>
        All.FirstOrDefault(l => l.Name == name)
        ?? throw new Learning.InvalidInputException($"--lever: '{name}' is not one of {string.Join(", ", All.Select(l => l.Name))}");
}
