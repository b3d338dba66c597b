using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DirectPay.Data;

/// <summary>
/// Readiness: the database has every migration this build knows. A service that reached the database but not its
/// schema (the api migrates as it starts; the worker waits for the api) is not ready for traffic.
/// </summary>
public sealed class MigrationsApplied(DirectPayDb db) : IHealthCheck
{
    public const string Name = "migrations";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        return pending.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"{pending.Count} migrations not applied, the first {pending[0]}.");
    }
}
