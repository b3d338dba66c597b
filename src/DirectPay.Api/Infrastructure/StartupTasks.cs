using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Infrastructure;

internal static partial class StartupTasks
{
    /// <summary>
    /// Applies pending migrations before the api serves; EF takes a database lock, so replicas take turns; a first
    /// start's expected probe failures are logged as information.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        // Once, at start: a connection of its own, closed when done, not one left idle beside the api's budgeted pool.
        var unpooled = new Npgsql.NpgsqlConnectionStringBuilder(app.Configuration.GetConnectionString(ResourceNames.Database)) { Pooling = false };
        var options = new DbContextOptionsBuilder<DirectPayDb>()
            .UseDirectPay(unpooled.ConnectionString, app.Services.GetRequiredService<TimeProvider>())
            .LoggingFirstStartProbesAsInformation(app.Services.GetRequiredService<ILoggerFactory>())
            .Options;
        await using var db = new DirectPayDb(options);
        await SimulatorHandover.HandOverAsync(db, app.Services, app.Logger);
        await db.Database.MigrateAsync();
    }

    /// <summary>The admin cannot sign up: it comes from configuration (the AppHost's admin-email/admin-password parameters).</summary>
    public static async Task SeedAdminAsync(this WebApplication app)
    {
        var email = app.Configuration["DirectPay:Admin:Email"];
        var password = app.Configuration["DirectPay:Admin:Password"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password)) return;

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        var normalized = User.NormalizeEmail(email);
        if (await db.Users.AnyAsync(u => u.Email == normalized)) return;

        var admin = new User(Guid.CreateVersion7(), email, "DirectPay administrator", UserRole.Admin);
        admin.SetPasswordHash(scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>().HashPassword(admin, password));
        db.Users.Add(admin);
        try
        {
            await db.SaveChangesAsync();
            LogAdminSeeded(app.Logger, admin.Id);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another replica seeded it first.
        }
    }

    [LoggerMessage(LogLevel.Information, "Seeded the admin user {UserId}")]
    private static partial void LogAdminSeeded(ILogger logger, Guid userId);
}
