namespace LossSearch.Learning.Search;

/// <summary>
/// Several candidates in a row failed with the same exception type: a CUDA error, running out of
/// memory or a bug, not a bad loss. The search stops (its checkpoint is saved) instead of filling the
/// population with failures; resuming continues with the next candidate.
/// </summary>
public sealed class SystematicTrainingErrorException(int count, string exceptionType, string? lastReason)
    : Exception($"{count} candidates in a row failed with {exceptionType}; the search stopped (a systematic error, not a bad loss). Last: {lastReason}")
{
    public int Count { get; } = count;
    public string ExceptionType { get; } = exceptionType;
}
