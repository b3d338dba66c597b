using DirectPay.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace DirectPay.Data;

public static class DirectPayDbRegistration
{
    /// <summary>
    /// A pooled <see cref="DirectPayDb"/> on the named connection, with Aspire's health check and telemetry, and the
    /// readiness check that the schema is migrated.
    /// </summary>
    /// <param name="maxPoolSize">The service's share of the server's connections (ConnectionBudget in ServiceDefaults).</param>
    public static IHostApplicationBuilder AddDirectPayDb(this IHostApplicationBuilder builder, string connectionName, int maxPoolSize)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName) ?? throw new InvalidOperationException(
            $"No connection string '{connectionName}': run DirectPay through its AppHost (dotnet run --project src/DirectPay.AppHost).");
        // Hot statements are prepared once per connection and kept, as the pool no longer resets a returned connection
        // (DISCARD ALL): PostgreSQL parses and plans each only once. Nothing here keeps session state (locks are per
        // transaction), so there is nothing to reset. Measured in bench/RESULTS.md.
        var tuned = new NpgsqlConnectionStringBuilder(connectionString)
            { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2, NoResetOnClose = true, MaxPoolSize = maxPoolSize };
        builder.Services.AddDbContextPool<DirectPayDb>((services, options) =>
            options.UseDirectPay(tuned.ConnectionString, services.GetRequiredService<TimeProvider>(), services.GetService<IAuditActor>()));
        // No blind re-execution of a write whose commit may have happened: clients retry with their idempotency key.
        builder.EnrichNpgsqlDbContext<DirectPayDb>(settings => settings.DisableRetry = true);
        builder.Services.AddHealthChecks().AddCheck<MigrationsApplied>(MigrationsApplied.Name); // beside Aspire's reachability check
        return builder;
    }
}
