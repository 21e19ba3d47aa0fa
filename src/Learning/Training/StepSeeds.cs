namespace LossSearch.Learning.Training;

/// <summary>
/// Every random stream of a run is seeded from (run seed, position, stream) through SplitMix64, so that a
/// run resumed at step s draws exactly what an uninterrupted run draws at step s, with no RNG state to carry.
/// </summary>
public static class StepSeeds
{
    public const ulong Shuffle = 1, Augmentation = 2, Model = 3;

    public static long Derive(long seed, long position, ulong stream)
    {
        ulong z = Mix((ulong)seed ^ Mix((ulong)position + 0x9E3779B97F4A7C15UL * stream));
        return (long)(z >> 1);
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
