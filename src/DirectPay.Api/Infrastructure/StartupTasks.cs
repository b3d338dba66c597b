using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DirectPay.Api.Infrastructure;

internal static partial class StartupTasks
{
    /// <summary>
    /// Applies pending migrations before the api serves; EF takes a database lock, so replicas take turns. On a new
    /// database EF learns what is missing by trying (connecting to the database, reading its history table), and logs
    /// each expected failure as an error: a red mark on the api in the dashboard at every first start. Here, and only
    /// here, those are information; a migration that fails still throws and stops the api.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        var options = new DbContextOptionsBuilder<DirectPayDb>()
            .UseDirectPay(app.Configuration.GetConnectionString(ResourceNames.Database)!, app.Services.GetRequiredService<TimeProvider>())
            .UseLoggerFactory(app.Services.GetRequiredService<ILoggerFactory>())
            .ConfigureWarnings(w => w.Log((RelationalEventId.ConnectionError, LogLevel.Information),
                (RelationalEventId.CommandError, LogLevel.Information)))
            .Options;
        await using var db = new DirectPayDb(options);
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
