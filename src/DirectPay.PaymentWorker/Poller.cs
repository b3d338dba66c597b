namespace DirectPay.PaymentWorker;

/// <summary>
/// A background loop that does its work every interval, each replica alike (the work itself takes rows with SKIP LOCKED
/// or is idempotent); a failed round is logged and tried again, never the end of the worker.
/// </summary>
public abstract partial class Poller(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected abstract TimeSpan Interval { get; }

    protected abstract Task PollAsync(CancellationToken ct);

    protected const int BatchSize = 1000;

    /// <summary>One item at a time, each in its own transaction: one that fails is logged and does not hold up the others.</summary>
    protected async Task EachAsync<T>(IEnumerable<T> items, Func<T, Task> work)
    {
        foreach (var item in items)
        {
            try
            {
                await work(item);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogItemFailed(logger, e, GetType().Name, item?.ToString());
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var began = Clock.GetUtcNow();
            try
            {
                await PollAsync(stoppingToken);
                LogRoundFinished(logger, GetType().Name, began); // what a round begun then would do, it has done: tests wait for this
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(logger, e, GetType().Name);
            }
            await Task.Delay(Interval, Clock, stoppingToken);
        }
    }

    [LoggerMessage(LogLevel.Debug, "{Poller} finished a round begun at {Began:O}")]
    private static partial void LogRoundFinished(ILogger logger, string poller, DateTimeOffset began);

    [LoggerMessage(LogLevel.Warning, "{Poller} failed on {Item}; it tries again next round")]
    private static partial void LogItemFailed(ILogger logger, Exception exception, string poller, string? item);

    [LoggerMessage(LogLevel.Warning, "{Poller} failed a round; it tries again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, string poller);
}
