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
