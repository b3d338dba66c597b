using DirectPay.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DirectPay.Data;

public static class DirectPayDbSetup
{
    /// <summary>The one place the provider is configured, for the services and for design-time tools alike.</summary>
    public static TBuilder UseDirectPay<TBuilder>(this TBuilder options, string connectionString, TimeProvider clock,
        IAuditActor? actor = null)
        where TBuilder : DbContextOptionsBuilder
    {
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new AuditTimestamps(clock), new AuditLog(clock, actor));
        return options;
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
public sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<DirectPayDb>
{
    public DirectPayDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DirectPayDb>()
            .UseDirectPay("Host=localhost;Database=directpay", TimeProvider.System).Options);
}
