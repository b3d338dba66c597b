using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Data;

public static class LedgerBooks
{
    /// <summary>The ledger accounts of a payment's two bank accounts.</summary>
    public static async Task<(Guid Payer, Guid Payee)> LedgerAccountsOfAsync(this DirectPayDb db, Payment payment, CancellationToken ct)
    {
        var ids = await db.LedgerAccounts.Where(l => l.BankAccountId == payment.PayerAccountId || l.BankAccountId == payment.PayeeAccountId)
            .ToDictionaryAsync(l => l.BankAccountId!.Value, l => l.Id, ct);
        return (ids[payment.PayerAccountId], ids[payment.PayeeAccountId]);
    }

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
