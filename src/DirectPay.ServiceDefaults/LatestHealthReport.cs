using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DirectPay;

/// <summary>
/// The readiness checks run in the background, every second, and /health answers from their latest report, so a probe
/// of a busy process never waits behind its work for a database connection, a Redis reply or a query.
/// </summary>
public sealed class LatestHealthReport(TimeProvider clock) : IHealthCheckPublisher
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    /// <summary>How long one round of checks may take before it counts as failed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    /// <summary>No report for this long means the checks cannot finish: not ready, whatever the last one said.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(10);

    private sealed record Snapshot(HealthStatus Status, DateTimeOffset At);
    private Snapshot? _latest;

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _latest, new Snapshot(report.Status, clock.GetUtcNow()));
        return Task.CompletedTask;
    }

    /// <summary>What /health says now: the latest report's status, or unhealthy before the first and once it is stale.</summary>
    public HealthStatus Status() => Volatile.Read(ref _latest) is { } latest && clock.GetUtcNow() - latest.At <= StaleAfter
        ? latest.Status
        : HealthStatus.Unhealthy;
}
