namespace DirectPay.PaymentWorker;

/// <summary>
/// A background loop that works a round, then waits until the round says its next work is due: never less than a floor
/// (no busy loop on work another replica holds) and never more than a second (another replica may have made earlier
/// work), or until this process makes new work and wakes it.
/// </summary>
public abstract class DueTimeLoop : BackgroundService
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ShortestWait = TimeSpan.FromMilliseconds(20);
    private readonly Wakeup _wakeup = new();

    /// <summary>Work was made in this process, possibly due before the time waited for.</summary>
    public void Wake() => _wakeup.Signal();

    /// <summary>One round; returns how long until the next work is due, or null when that is not known (wait the longest).</summary>
    protected abstract Task<TimeSpan?> RoundAsync(CancellationToken ct);

    /// <summary>A round threw: what it kept stays, and the next round, a second later, goes on from there.</summary>
    protected abstract void RoundFailed(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = LongestWait;
            try
            {
                if (await RoundAsync(stoppingToken) is { } next)
                    wait = TimeSpan.FromTicks(Math.Clamp(next.Ticks, ShortestWait.Ticks, LongestWait.Ticks));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                RoundFailed(e);
            }
            await _wakeup.WaitAsync(wait, stoppingToken);
        }
    }
}
