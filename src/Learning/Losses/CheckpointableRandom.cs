namespace LossSearch.Learning.Losses;

/// <summary>The complete state of a <see cref="CheckpointableRandom"/>; JSON-serialisable.</summary>
public sealed record RandomState(ulong S0, ulong S1, ulong S2, ulong S3);

/// <summary>
/// A seeded xoshiro256** generator whose state can be saved and restored, so that a search resumed
/// from a checkpoint draws exactly the numbers it would have drawn without the interruption.
/// Not thread-safe.
/// </summary>
public sealed class CheckpointableRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public CheckpointableRandom(ulong seed)
    {
        // SplitMix64 spreads the seed over the four words (never all zero).
        ulong x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    public CheckpointableRandom(RandomState state)
    {
        if ((state.S0 | state.S1 | state.S2 | state.S3) == 0)
            throw new InvalidInputException("random state: all four words are zero, which xoshiro256** cannot leave");
        (_s0, _s1, _s2, _s3) = (state.S0, state.S1, state.S2, state.S3);
    }

    public RandomState State => new(_s0, _s1, _s2, _s3);

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1), 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="count"/>), without modulo bias.</summary>
    public int Next(int count)
    {
        if (count <= 0)
            throw new ArgumentOutOfRangeException(nameof(count), "count must be positive");
        ulong bound = (ulong)count;
        ulong limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong draw;
        do draw = NextUInt64(); while (draw >= limit);
        return (int)(draw % bound);
    }

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
