using DirectPay.Api.Infrastructure;
using DirectPay.Banking.Connection;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
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
    public async Task The_old_simulators_books_go_to_the_bank_before_its_tables_are_dropped()
    {
        var connection = new NpgsqlConnectionStringBuilder(App.DatabaseConnectionString) { Database = $"handover_{Guid.NewGuid():N}" };
        await using var db = new DirectPayDb(new DbContextOptionsBuilder<DirectPayDb>()
            .UseDirectPay(connection.ConnectionString, TimeProvider.System).Options);
        var migrations = db.Database.GetMigrations().ToList();
        var leaving = migrations.FindIndex(m => m.EndsWith("_SimulatorLeavesDirectPay", StringComparison.Ordinal));
        try
        {
            await db.GetService<IMigrator>().MigrateAsync(migrations[leaving - 1]);
            // What the old simulator held: a landlord's account it credited 1,500.00 (a statement line) and debited 1,000.00 (no line).
            var owner = new User(Guid.CreateVersion7(), $"{Guid.NewGuid():N}@example.com", "Old Landlord", UserRole.Landlord);
            var number = PaymentScenario.OwnNumber("7777");
            var account = new BankAccount(Guid.CreateVersion7(), owner.Id, "tok", number[^4..], Scenario.RoutingNumber, BankAccountType.Checking, null);
            db.AddRange(owner, account, BankAccountNumber.For(App.Vault, account.Id, number));
            await db.SaveChangesAsync();
            var lineId = Guid.CreateVersion7();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO simulated_bank_accounts (bank_account_id, balance, updated_at) VALUES ({account.Id}, 100500.00, now());
                INSERT INTO bank_statements (id, bank_account_id, value_date, amount, direction, bank_reference, source, created_at)
                VALUES ({lineId}, {account.Id}, DATE '2026-11-02', 1500.00, 'credit', 'old-payment', 'simulated_bank', now());
                """);

            var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddSingleton(App.Vault)
                .AddSingleton(new SimulatorSandbox(App.BankHttp())).BuildServiceProvider();
            await SimulatorHandover.HandOverAsync(db, services, NullLogger.Instance);
            await db.Database.MigrateAsync();

            Assert.Equal(100_500.00m, await App.BankScalarAsync<decimal>("SELECT balance FROM accounts WHERE account_number = $1", number));
            Assert.Equal("1500.00 old-payment 2026-11-02, -1000.00 carried-over-balance", await App.BankScalarAsync<string>(
                "SELECT string_agg(amount || ' ' || reference || CASE WHEN amount > 0 THEN ' ' || booked_on ELSE '' END, ', ' ORDER BY amount DESC) FROM postings WHERE account_number = $1",
                number));
            Assert.Equal(lineId, await App.BankScalarAsync<Guid>("SELECT id FROM postings WHERE reference = 'old-payment' AND account_number = $1", number));
            Assert.DoesNotContain("simulated_bank_accounts", await TablesAsync(db));
            Assert.Equal("bank", await db.Database.SqlQuery<string>($"SELECT source AS \"Value\" FROM bank_statements WHERE id = {lineId}").SingleAsync());
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
