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

namespace DirectPay.Api.Infrastructure;

/// <summary>
/// Before the migration that drops DirectPay's own bank simulator (SimulatorLeavesDirectPay), what it held goes to the
/// bank service: every account's movements as postings (its statement lines, and one carry-over for the rest of its
/// balance), each under an id of its own so sending again books nothing twice; its pending returns are applied now, as
/// it had decided them already. Accounts with no number in the vault cannot be named to the bank and are left, counted.
/// </summary>
internal static partial class SimulatorHandover
{
    private const string Migration = "SimulatorLeavesDirectPay";
    private const decimal SimulatorOpeningBalance = 100_000.00m;

    private sealed record Balance(Guid BankAccountId, decimal Amount);
    private sealed record Line(Guid Id, Guid BankAccountId, DateOnly ValueDate, decimal Amount, string Direction, string BankReference);
    private sealed record PendingReturn(Guid PaymentId, string Code);

    public static async Task HandOverAsync(DirectPayDb db, IServiceProvider services, ILogger logger)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        var leaving = pending.FindIndex(m => m.EndsWith("_" + Migration, StringComparison.Ordinal));
        if (leaving < 0) return;
        if (leaving > 0) await db.GetService<IMigrator>().MigrateAsync(pending[leaving - 1]); // the schema the simulator left

        var balances = await db.Database.SqlQuery<Balance>($"SELECT bank_account_id, balance AS amount FROM simulated_bank_accounts").ToListAsync();
        var returns = await db.Database.SqlQuery<PendingReturn>($"SELECT payment_id, code FROM simulated_bank_returns").ToListAsync();
        if (balances.Count == 0 && returns.Count == 0) return; // nothing ever moved (a new database)

        var lines = await db.Database.SqlQuery<Line>($"""
            SELECT id, bank_account_id, value_date, amount, direction, bank_reference FROM bank_statements WHERE source = 'simulated_bank'
            """).ToListAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var moved = lines.Select(l => (l.Id, l.BankAccountId, Amount: l.Direction == "debit" ? -l.Amount : l.Amount, l.ValueDate, l.BankReference)).ToList();
        foreach (var bankReturn in returns)
        {
            var payment = await db.Payments.SingleAsync(p => p.Id == bankReturn.PaymentId);
            if (!await db.ReturnAsync(payment, BankFailure.Of(bankReturn.Code), now, CancellationToken.None)) continue;
            moved.Add((IdOf($"return-out:{payment.Id}"), payment.PayeeAccountId, -payment.Amount, today, payment.Id.ToString()));
            moved.Add((IdOf($"return-in:{payment.Id}"), payment.PayerAccountId, payment.Amount, today, payment.Id.ToString()));
        }
        // What the lines do not explain of each balance (tests and sandboxes set balances directly) is carried over in one posting.
        foreach (var balance in balances)
        {
            var rest = balance.Amount - SimulatorOpeningBalance - moved.Where(m => m.BankAccountId == balance.BankAccountId).Sum(m => m.Amount);
            if (rest != 0) moved.Add((balance.BankAccountId, balance.BankAccountId, rest, today, "carried-over-balance"));
        }

        var accountIds = moved.Select(m => m.BankAccountId).Distinct().ToList();
        var routing = await db.BankAccounts.Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.RoutingNumber);
        var vault = services.GetRequiredService<VaultProtector>();
        var numbers = new Dictionary<Guid, string>();
        foreach (var kept in await db.BankAccountNumbers.Where(n => accountIds.Contains(n.BankAccountId)).ToListAsync())
            try { numbers[kept.BankAccountId] = kept.Open(vault); } catch (VaultException) { }
        var postings = moved.Where(m => numbers.ContainsKey(m.BankAccountId))
            .Select(m => new ImportedPosting(m.Id, routing[m.BankAccountId], numbers[m.BankAccountId], m.Amount, m.ValueDate, m.BankReference)).ToList();
        var sandbox = services.GetRequiredService<SimulatorSandbox>();
        foreach (var chunk in postings.Chunk(1000)) await sandbox.ImportAsync(chunk, CancellationToken.None);

        await db.SaveChangesAsync(); // the returns, once the bank holds their postings
        await db.Database.ExecuteSqlAsync($"DELETE FROM simulated_bank_returns");
        await db.Database.ExecuteSqlAsync($"DELETE FROM simulated_bank_accounts");
        await transaction.CommitAsync();
        LogHandedOver(logger, postings.Count, returns.Count, accountIds.Count - numbers.Count);
    }

    /// <summary>The same id for the same movement on every attempt, so the bank books it once.</summary>
    private static Guid IdOf(string movement) => new(MD5.HashData(Encoding.UTF8.GetBytes(movement)));

    [LoggerMessage(LogLevel.Warning, "Handed the simulator's books to the bank: {Postings} postings, {Returns} pending returns applied, {Unnamed} accounts with no number left behind")]
    private static partial void LogHandedOver(ILogger logger, int postings, int returns, int unnamed);
}
