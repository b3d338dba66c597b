using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Data;

public static class LedgerBooks
{
    /// <summary>
    /// Adds a balanced set of entries and moves each account's balance by its share, inside the caller's transaction.
    /// The balance moves with an atomic UPDATE (balance = balance + x): concurrent postings to one account never lose one.
    /// </summary>
    public static async Task PostAsync(this DirectPayDb db, IReadOnlyList<LedgerEntry> entries, DateTimeOffset now, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Postings go in the transaction of the change they record.");
        if (entries.Sum(e => e.Amount) != 0) throw new InvalidOperationException("Unbalanced postings.");
        db.LedgerEntries.AddRange(entries);
        foreach (var account in entries.GroupBy(e => e.LedgerAccountId))
        {
            var change = account.Sum(e => e.Amount);
            if (change == 0) continue;
            var updated = await db.LedgerAccounts.Where(a => a.Id == account.Key)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.Balance, a => a.Balance + change).SetProperty(a => a.UpdatedAt, now), ct);
            if (updated != 1) throw new InvalidOperationException($"No ledger account {account.Key}.");
        }
    }
}
