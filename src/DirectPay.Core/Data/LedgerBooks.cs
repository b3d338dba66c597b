using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Data;

public static class LedgerBooks
{
    /// <summary>
    /// Where a payment's money goes from and to in the books: the payer's account, and the payee's, or DirectPay's
    /// settlement account for a payment collected in an ACH file (the landlord is paid from there by a payout).
    /// </summary>
    public static async Task<(Guid Payer, Guid Payee)> LedgerAccountsOfAsync(this DirectPayDb db, Payment payment, CancellationToken ct)
    {
        var ids = await db.LedgerAccounts.Where(l => l.BankAccountId == payment.PayerAccountId || l.BankAccountId == payment.PayeeAccountId)
            .ToDictionaryAsync(l => l.BankAccountId!.Value, l => l.Id, ct);
        return (ids[payment.PayerAccountId], payment.CollectedThroughSettlement ? LedgerAccount.SettlementId : ids[payment.PayeeAccountId]);
    }

    /// <summary>The ledger account of a bank account.</summary>
    public static Task<Guid> LedgerAccountOfAsync(this DirectPayDb db, Guid bankAccountId, CancellationToken ct) =>
        db.LedgerAccounts.Where(l => l.BankAccountId == bankAccountId).Select(l => l.Id).SingleAsync(ct);

    /// <summary>
    /// Adds a balanced set of entries and moves each account's balance by its share, inside the caller's transaction.
    /// The balances move in one atomic UPDATE (balance = balance + x): concurrent postings to one account never lose one,
    /// and a landlord's account, which many settlements post to at once, is locked by one statement, not one per account.
    /// </summary>
    public static async Task PostAsync(this DirectPayDb db, IReadOnlyList<LedgerEntry> entries, DateTimeOffset now, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Postings go in the transaction of the change they record.");
        if (entries.Sum(e => e.Amount) != 0) throw new InvalidOperationException("Unbalanced postings.");
        db.LedgerEntries.AddRange(entries);
        var changes = entries.GroupBy(e => e.LedgerAccountId).Select(a => (Id: a.Key, Change: a.Sum(e => e.Amount)))
            .Where(a => a.Change != 0).OrderBy(a => a.Id).ToArray();
        var ids = changes.Select(a => a.Id).ToArray();
        var amounts = changes.Select(a => a.Change).ToArray();
        var updated = await db.Database.ExecuteSqlAsync($"""
            UPDATE ledger_accounts AS a SET balance = a.balance + c.change, updated_at = {now}
            FROM unnest({ids}, {amounts}) AS c(id, change) WHERE a.id = c.id
            """, ct);
        if (updated != changes.Length) throw new InvalidOperationException($"Missing ledger accounts among {string.Join(", ", ids)}.");
    }
}
