using System.Security.Cryptography;
using System.Text;
using DirectPay.Banking.Connection;
using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Payments;
using DirectPay.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace DirectPay.Api.Infrastructure;

/// <summary>
/// Before the migration that drops DirectPay's own bank simulator (SimulatorLeavesDirectPay), what it held goes to the
/// bank service: every account's movements as postings (its statement lines, and one carry-over for the rest of its
/// balance), each under an id of its own so sending again books nothing twice; its pending returns are applied now, as
/// it had decided them already, and moved at the bank too. An account whose number is not in the vault cannot be named
/// to the bank: its simulated balance is dropped (counted in the log), and the bank opens it anew once its owner enters
/// the number again. Old workers must be stopped first: they write to the tables this drops.
/// </summary>
internal static partial class SimulatorHandover
{
    private const string Migration = "SimulatorLeavesDirectPay";
    private const decimal SimulatorOpeningBalance = 100_000.00m;
    /// <summary>One api replica hands over; the others wait, then find nothing left.</summary>
    private const long AdvisoryLock = 0x5349_4D48_414E_44; // "SIMHAND"

    internal sealed record Balance(Guid BankAccountId, decimal Amount);
    internal sealed record Line(Guid Id, Guid BankAccountId, DateOnly ValueDate, decimal Amount, string Direction, string BankReference);
    private sealed record PendingReturn(Guid PaymentId, string Code);
    internal sealed record Returning(Guid PaymentId, Guid PayerAccountId, Guid PayeeAccountId, decimal Amount);
    internal sealed record Movement(Guid Id, Guid BankAccountId, decimal Amount, DateOnly BookedOn, string Reference);

    public static async Task HandOverAsync(DirectPayDb db, IServiceProvider services, ILogger logger)
    {
        if (!await db.GetService<IRelationalDatabaseCreator>().ExistsAsync()) return; // a new database: no simulator ever ran on it
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        var leaving = pending.FindIndex(m => m.EndsWith("_" + Migration, StringComparison.Ordinal));
        if (leaving < 0) return;
        await db.Database.OpenConnectionAsync();
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({AdvisoryLock})");
            if (leaving > 0) await db.GetService<IMigrator>().MigrateAsync(pending[leaving - 1]); // the schema the simulator left
            await HandOverLockedAsync(db, services, logger);
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({AdvisoryLock})");
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task HandOverLockedAsync(DirectPayDb db, IServiceProvider services, ILogger logger)
    {
        var balances = await db.Database.SqlQuery<Balance>($"SELECT bank_account_id, balance AS amount FROM simulated_bank_accounts").ToListAsync();
        var returns = await db.Database.SqlQuery<PendingReturn>($"SELECT payment_id, code FROM simulated_bank_returns").ToListAsync();
        if (balances.Count == 0 && returns.Count == 0) return; // nothing ever moved, or handed over already

        var lines = await db.Database.SqlQuery<Line>($"""
            SELECT id, bank_account_id, value_date, amount, direction, bank_reference FROM bank_statements WHERE source = 'simulated_bank'
            """).ToListAsync();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var returnIds = returns.Select(r => r.PaymentId).ToList();
        var refunding = await db.Refunds.Where(r => returnIds.Contains(r.PaymentId) && (r.Status == RefundStatus.Pending || r.Status == RefundStatus.Processing))
            .Select(r => r.PaymentId).ToListAsync();
        var returning = (await db.Payments.AsNoTracking().Where(p => returnIds.Contains(p.Id)).ToListAsync())
            .Where(p => p.CanBeReturned && !p.CollectedThroughSettlement && !refunding.Contains(p.Id)) // the old simulator's own, as ReturnAsync decides below
            .Select(p => new Returning(p.Id, p.PayerAccountId, p.PayeeAccountId, p.Amount));
        var moved = Movements(balances, lines, returning, today);

        var accountIds = moved.Select(m => m.BankAccountId).Distinct().ToList();
        var routing = await db.BankAccounts.Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.RoutingNumber);
        var vault = services.GetRequiredService<VaultProtector>();
        var numbers = new Dictionary<Guid, string>();
        foreach (var kept in await db.BankAccountNumbers.Where(n => accountIds.Contains(n.BankAccountId)).ToListAsync())
            try { numbers[kept.BankAccountId] = kept.Open(vault); } catch (VaultException) { }
        var postings = moved.Where(m => numbers.ContainsKey(m.BankAccountId))
            .Select(m => new ImportedPosting(m.Id, routing[m.BankAccountId], numbers[m.BankAccountId], m.Amount, m.BookedOn, m.Reference)).ToList();
        // The bank first, outside any transaction here: a crash after it sends the same postings again, which it books once.
        await ImportAsync(services.GetRequiredService<SimulatorSandbox>(), postings, logger);

        await using var transaction = await db.Database.BeginTransactionAsync();
        var applied = 0;
        foreach (var bankReturn in returns)
        {
            var payment = await db.Payments.SingleAsync(p => p.Id == bankReturn.PaymentId);
            if (!await db.ReturnAsync(payment, BankFailure.Of(bankReturn.Code), now, CancellationToken.None)) continue;
            applied++;
            // The statement lines the old simulator wrote with a return, kept as what the bank reported.
            foreach (var (account, direction) in new[] { (payment.PayeeAccountId, "debit"), (payment.PayerAccountId, "credit") })
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO bank_statements (id, bank_account_id, value_date, amount, direction, bank_reference, source, created_at)
                    VALUES ({Guid.CreateVersion7()}, {account}, {today}, {payment.Amount}, {direction}, {payment.Id.ToString()}, 'simulated_bank', {now})
                    """);
        }
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlAsync($"DELETE FROM simulated_bank_returns");
        await db.Database.ExecuteSqlAsync($"DELETE FROM simulated_bank_accounts");
        await transaction.CommitAsync();
        LogHandedOver(logger, postings.Count, applied, accountIds.Count - numbers.Count);
    }

    /// <summary>
    /// Each account's movements at the old simulator: its statement lines, one carry-over for what they do not explain of
    /// its balance (tests and sandboxes set balances directly), and the pending returns, which had not moved the money yet.
    /// </summary>
    internal static List<Movement> Movements(IEnumerable<Balance> balances, IEnumerable<Line> lines, IEnumerable<Returning> returning, DateOnly today)
    {
        var moved = lines.Select(l => new Movement(l.Id, l.BankAccountId, l.Direction == "debit" ? -l.Amount : l.Amount, l.ValueDate, l.BankReference)).ToList();
        foreach (var balance in balances)
        {
            var rest = balance.Amount - SimulatorOpeningBalance - moved.Where(m => m.BankAccountId == balance.BankAccountId).Sum(m => m.Amount);
            if (rest != 0) moved.Add(new(balance.BankAccountId, balance.BankAccountId, rest, today, "carried-over-balance"));
        }
        foreach (var payment in returning) // out of the landlord's account, back into the renter's
        {
            moved.Add(new(IdOf($"return-out:{payment.PaymentId}"), payment.PayeeAccountId, -payment.Amount, today, payment.PaymentId.ToString()));
            moved.Add(new(IdOf($"return-in:{payment.PaymentId}"), payment.PayerAccountId, payment.Amount, today, payment.PaymentId.ToString()));
        }
        return moved;
    }

    /// <summary>The bank may still be starting (the api does not wait for it, as only this once needs it): ask for a minute.</summary>
    private static async Task ImportAsync(SimulatorSandbox sandbox, List<ImportedPosting> postings, ILogger logger)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                foreach (var chunk in postings.Chunk(1000)) await sandbox.ImportAsync(chunk, CancellationToken.None);
                return;
            }
            catch (Exception e) when (attempt < 6 && e is HttpRequestException or TaskCanceledException or Polly.ExecutionRejectedException)
            {
                LogBankNotReady(logger, e, attempt);
                await Task.Delay(TimeSpan.FromSeconds(10));
            }
        }
    }

    /// <summary>The same id for the same movement on every attempt, so the bank books it once.</summary>
    private static Guid IdOf(string movement) => new(MD5.HashData(Encoding.UTF8.GetBytes(movement)));

    [LoggerMessage(LogLevel.Warning, "Handed the simulator's books to the bank: {Postings} postings, {Returns} pending returns applied, {Unnamed} accounts with no number dropped")]
    private static partial void LogHandedOver(ILogger logger, int postings, int returns, int unnamed);

    [LoggerMessage(LogLevel.Warning, "The bank did not take the simulator's books (attempt {Attempt}); trying again in 10 s")]
    private static partial void LogBankNotReady(ILogger logger, Exception exception, int attempt);
}
