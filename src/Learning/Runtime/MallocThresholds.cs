using System.Runtime.InteropServices;

namespace LossSearch.Learning.Runtime;

/// <summary>
/// glibc malloc's two thresholds, fixed for this process. By default glibc maps every block above a threshold
/// that starts at 128 KiB straight from the kernel and unmaps it on free, and trims the heap's top above twice
/// that threshold; the threshold only creeps up as blocks are freed. libtorch frees and allocates each step's
/// activations again every step, so with glibc's defaults a step page-faults them in anew: on this project's
/// CPU bench that was the whole gap to PyTorch on WRN-16-4. Fixed thresholds keep those blocks in the heap.
/// <para>
/// Setting one threshold turns glibc's adjustment off for both, so both are set together or neither.
/// <c>LOSSSEARCH_MALLOC=glibc</c> keeps glibc's defaults; so does a threshold set in <c>GLIBC_TUNABLES</c> or in
/// <c>MALLOC_MMAP_THRESHOLD_</c>/<c>MALLOC_TRIM_THRESHOLD_</c>, which is left to glibc (its other malloc tunables
/// combine with these thresholds, as far as glibc accepts them).
/// </para>
/// </summary>
public sealed record MallocThresholds(string Source, long? MmapThresholdBytes, long? TrimThresholdBytes)
{
    /// <summary>The largest mmap threshold glibc accepts on 64-bit systems (half its heap size).</summary>
    public const int MmapThreshold = 32 << 20;

    /// <summary>mallopt takes an int: the heap's free top is given back only above 2 GiB.</summary>
    public const int TrimThreshold = int.MaxValue;

    public const string OptOutVariable = "LOSSSEARCH_MALLOC";

    private static readonly string[] ThresholdTunables = ["glibc.malloc.mmap_threshold", "glibc.malloc.trim_threshold"];

    /// <summary>glibc's older names for the same two settings, which it still reads.</summary>
    private static readonly string[] ThresholdVariables = ["MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_"];

    private const int MallocTrimThresholdParameter = -1;
    private const int MallocMmapThresholdParameter = -3;

    private static readonly Lazy<MallocThresholds> Applied = new(() => Apply(
        Environment.GetEnvironmentVariable("GLIBC_TUNABLES"), Environment.GetEnvironmentVariable(OptOutVariable),
        OperatingSystem.IsLinux(), SetWithMallopt,
        ThresholdVariables.Any(v => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v)))));

    /// <summary>Sets both thresholds once per process, before the first call that needs them; later calls report what was done.</summary>
    public static MallocThresholds EnsureApplied() => Applied.Value;

    /// <summary>
    /// What this process's environment asks for, applied through <paramref name="mallopt"/> (glibc's: parameter,
    /// value → 1 when accepted). A threshold glibc refuses leaves glibc's defaults, reported as such.
    /// </summary>
    public static MallocThresholds Apply(string? glibcTunables, string? optOut, bool linux, Func<int, int, int> mallopt, bool thresholdVariableSet = false)
    {
        if (!linux) return new MallocThresholds("not glibc", null, null);
        if (!string.IsNullOrEmpty(optOut))
        {
            if (optOut != "glibc")
                throw new InvalidInputException($"{OptOutVariable}: '{optOut}' is not 'glibc' (the only value; unset, this program fixes the thresholds).");
            return new MallocThresholds($"glibc defaults ({OptOutVariable}=glibc)", null, null);
        }
        if (glibcTunables is not null && ThresholdTunables.Any(t => glibcTunables.Contains(t, StringComparison.Ordinal)))
            return new MallocThresholds("GLIBC_TUNABLES", null, null);
        if (thresholdVariableSet) return new MallocThresholds("MALLOC_*_THRESHOLD_ variables", null, null);
        try
        {
            // The mmap threshold first: glibc refuses one above half its heap size (smaller with
            // glibc.malloc.hugetlb=2 or on 32-bit systems) and then changes nothing, so that a refusal leaves
            // glibc exactly as it was rather than with a fixed trim threshold alone, the slowest of the three.
            if (mallopt(MallocMmapThresholdParameter, MmapThreshold) != 1)
                return new MallocThresholds($"glibc defaults (glibc refused an mmap threshold of {MmapThreshold >> 20} MiB)", null, null);
            if (mallopt(MallocTrimThresholdParameter, TrimThreshold) != 1)
                throw new InvalidOperationException("glibc accepted the mmap threshold but refused M_TRIM_THRESHOLD, which it never does.");
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return new MallocThresholds("not glibc", null, null);
        }
        return new MallocThresholds("mallopt", MmapThreshold, TrimThreshold);
    }

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int SetWithMallopt(int parameter, int value);
}
