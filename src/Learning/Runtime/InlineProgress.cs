namespace LossSearch.Learning.Runtime;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the caller's thread, in order (unlike
/// <see cref="Progress{T}"/>, which posts to a synchronisation context or the thread pool).
/// </summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
