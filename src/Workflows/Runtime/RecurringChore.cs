using Serilog;

namespace LossSearch.Workflows.Runtime;

/// <summary>
/// Runs an engine chore (stall watch, dispatcher) every interval on a loop of its own, outside Quartz's
/// thread pool: however much ready work fills the pool, the chore still runs. A failed round is
/// logged and the next one runs as usual.
/// </summary>
internal sealed class RecurringChore : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _disposed;

    public RecurringChore(string name, TimeSpan firstDelay, TimeSpan interval, Func<CancellationToken, Task> round, ILogger logger)
    {
        _loop = Task.Run(() => LoopAsync(name, firstDelay, interval, round, logger));
    }

    private async Task LoopAsync(string name, TimeSpan firstDelay, TimeSpan interval, Func<CancellationToken, Task> round, ILogger logger)
    {
        try
        {
            await Task.Delay(firstDelay, _stop.Token);
            using var timer = new PeriodicTimer(interval);
            do
            {
                try { await round(_stop.Token); }
                catch (Exception e) when (e is not OperationCanceledException || !_stop.IsCancellationRequested)
                {
                    logger.Warning(e, "Engine chore {Chore} failed; it runs again in {Interval}", name, interval);
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops the loop after its current round; a second call does nothing (an engine may be disposed twice).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
