using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DirectPay.Data;

public static class DirectPayDbRegistration
{
    /// <summary>A pooled <see cref="DirectPayDb"/> on the named connection, with Aspire's health check, retries and telemetry.</summary>
    public static IHostApplicationBuilder AddDirectPayDb(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName) ?? throw new InvalidOperationException(
            $"No connection string '{connectionName}': run DirectPay through its AppHost (dotnet run --project src/DirectPay.AppHost).");
        builder.Services.AddDbContextPool<DirectPayDb>((services, options) =>
            options.UseDirectPay(connectionString, services.GetRequiredService<TimeProvider>()));
        // No blind re-execution of a write whose commit may have happened: clients retry with their idempotency key.
        builder.EnrichNpgsqlDbContext<DirectPayDb>(settings => settings.DisableRetry = true);
        return builder;
    }
}
