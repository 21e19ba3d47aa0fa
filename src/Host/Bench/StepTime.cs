namespace LossSearch.Host.Bench;

/// <summary>
/// Mean seconds of one step: wall clock, and CPU time of the whole process (all its threads). On a
/// shared, loaded machine the CPU time is the steadier of the two at one thread; at more threads it
/// also counts the OpenMP workers' spinning while they wait for each other.
/// </summary>
public readonly record struct StepTime(double WallSeconds, double CpuSeconds);
