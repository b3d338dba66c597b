using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DirectPay;

/// <summary>
/// The readiness checks run in the background, one round after another, and /health answers from the latest round, so a
/// probe of a busy process never waits behind its work for a database connection, a Redis reply or a query.
/// </summary>
public sealed partial class LatestHealthReport(HealthCheckService checks, TimeProvider clock, ILogger<LatestHealthReport> logger)
    : BackgroundService
{
    /// <summary>The pause between the end of one round and the start of the next.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    /// <summary>How long one round of checks may take before it counts as failed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    /// <summary>No round has finished for this long: the checks cannot finish, so not ready, whatever the last one said.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(10);

    // When, as a monotonic timestamp: a wall clock set back would keep an old report fresh.
    private sealed record Snapshot(HealthStatus Status, long At);
    private Snapshot? _latest;

    /// <summary>What /health says now: the latest round's status, or unhealthy before the first and once it is stale.</summary>
    public HealthStatus Status() => Volatile.Read(ref _latest) is { } latest && clock.GetElapsedTime(latest.At) <= StaleAfter
        ? latest.Status
        : HealthStatus.Unhealthy;

    internal void Record(HealthStatus status) => Volatile.Write(ref _latest, new Snapshot(status, clock.GetTimestamp()));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Record(await RoundAsync(stoppingToken));
            await Task.Delay(Period, clock, stoppingToken);
        }
    }

    // Rounds never overlap (.NET's periodic publisher starts one a period even while the last still waits on a slow
    // database), so a struggling dependency gets one check at a time from each process, not a growing pile.
    private async Task<HealthStatus> RoundAsync(CancellationToken stoppingToken)
    {
        using var round = new CancellationTokenSource(Timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(round.Token, stoppingToken);
        try
        {
            return (await checks.CheckHealthAsync(linked.Token)).Status;
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogRoundFailed(logger, e, Timeout.TotalSeconds); // a round that timed out, or failed any other way, is not ready
            return HealthStatus.Unhealthy;
        }
    }

    [LoggerMessage(LogLevel.Warning, "A round of health checks failed or took more than {Seconds} s: not ready")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, double seconds);
}
