using LossSearch.Workflows.Activities;
using Serilog;

namespace LossSearch.Workflows.Runtime;

/// <summary>
/// Writes an attempt's progress and heartbeats, at most one write per interval (the latest progress
/// wins). When the store says the attempt no longer owns its execution or work item (stalled, cancelled), it
/// cancels the attempt's token. A failed write is logged, never thrown into the activity.
/// </summary>
internal sealed class HeartbeatWriter(Func<double?, string?, Task<bool>> write, TimeSpan minInterval, TimeProvider clock, CancellationTokenSource owner, ILogger logger)
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
            bool owned = await write(progress?.Fraction, progress?.Message);
            if (!owned) await owner.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // A late fire-and-forget report after the attempt ended: nothing left to stop.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A missed heartbeat only brings a stall closer; it must not fail the activity's work.
            logger.Warning(e, "Heartbeat write failed");
        }
        finally
        {
            _gate.Release();
        }
    }
}
