using DirectPay.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace DirectPay.Tests.EndToEnd;

/// <summary>Every migration goes down as cleanly as it goes up, and readiness waits for the last, on databases of their own.</summary>
[Collection(AppCollection.Name)]
public class MigrationTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task Migrations_go_down_to_nothing_and_up_again()
    {
        var connection = new NpgsqlConnectionStringBuilder(App.DatabaseConnectionString) { Database = $"migrations_{Guid.NewGuid():N}" };
        await using var db = new DirectPayDb(new DbContextOptionsBuilder<DirectPayDb>()
            .UseDirectPay(connection.ConnectionString, TimeProvider.System).Options);
        var migrator = db.GetService<IMigrator>();
        try
        {
            await db.Database.MigrateAsync();
            Assert.Contains("leases", await TablesAsync(db));

            await migrator.MigrateAsync(Migration.InitialDatabase);
            Assert.Equal(["__ef_migrations_history"], await TablesAsync(db));

            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Contains("payment_schedules", await TablesAsync(db));
        }
        finally
        {
            await db.Database.EnsureDeletedAsync();
        }
    }

    [Fact]
    public async Task Readiness_is_unhealthy_until_every_migration_is_applied()
    {
        var connection = new NpgsqlConnectionStringBuilder(App.DatabaseConnectionString) { Database = $"readiness_{Guid.NewGuid():N}" };
        await using var db = new DirectPayDb(new DbContextOptionsBuilder<DirectPayDb>()
            .UseDirectPay(connection.ConnectionString, TimeProvider.System).Options);
        var check = new MigrationsApplied(db);
        var migrations = db.Database.GetMigrations().ToList();
        try
        {
            await db.GetService<IMigrator>().MigrateAsync(migrations[0]);
            var behind = await check.CheckHealthAsync(new HealthCheckContext());
            Assert.Equal(HealthStatus.Unhealthy, behind.Status);
            Assert.Equal($"{migrations.Count - 1} migrations not applied, the first {migrations[1]}.", behind.Description);

            await db.Database.MigrateAsync();
            Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        }
        finally
        {
            await db.Database.EnsureDeletedAsync();
        }
    }

    [Fact]
    public async Task Every_constraint_the_api_names_exists_under_that_name()
    {
        var names = typeof(ConstraintNames).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToArray();
        foreach (var name in names)
            Assert.True(await App.ScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = $1) OR EXISTS (SELECT 1 FROM pg_constraint WHERE conname = $1)", name),
                $"No index or constraint named {name}: the api would answer 500 instead of 409 when it is violated.");
    }

    private static Task<List<string>> TablesAsync(DirectPayDb db) =>
        db.Database.SqlQueryRaw<string>("SELECT tablename AS \"Value\" FROM pg_tables WHERE schemaname = 'public' ORDER BY 1").ToListAsync();
}
