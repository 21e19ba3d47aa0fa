using LossSearch.Workflows.Activities;

namespace LossSearch.Workflows.Runtime;

/// <summary>
/// Writes an attempt's progress and heartbeats, at most one write per interval (the latest progress
/// wins). When the store says the attempt no longer owns its execution (stalled, cancelled), it
/// cancels the attempt's token.
/// </summary>
internal sealed class HeartbeatWriter(InstanceStore store, long executionId, int attempt, TimeSpan minInterval, TimeProvider clock, CancellationTokenSource owner)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _lastWrite = DateTimeOffset.MinValue;

    public async Task WriteAsync(ActivityProgress? progress)
    {
        if (!await _gate.WaitAsync(0)) return;
        try
        {
            var now = clock.GetUtcNow();
            bool final = progress is { Fraction: >= 1 };
            if (!final && now - _lastWrite < minInterval) return;
            _lastWrite = now;
            bool owned = await store.HeartbeatAsync(executionId, attempt, progress?.Fraction, progress?.Message, CancellationToken.None);
            if (!owned) await owner.CancelAsync();
        }
        finally
        {
            _gate.Release();
        }
    }
}
