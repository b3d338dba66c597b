using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Ledger;

public static class CheckLedger
{
    public sealed record AccountOff(Guid LedgerAccountId, decimal Balance, decimal EntriesSum);

    /// <param name="Balanced">True when every check holds.</param>
    public sealed record Response(bool Balanced, decimal EntriesTotal, int AccountsChecked, List<AccountOff> AccountsOff,
        int PaymentsChecked, List<Guid> PaymentsOff);

    /// <summary>
    /// The books' invariants: all entries sum to zero; each account's balance is the sum of its entries; each completed
    /// payment has exactly its four settlement lines (payer −amount, payee +amount) and no other payment has any.
    /// </summary>
    internal static async Task<Ok<Response>> Handle(DirectPayDb db, CancellationToken ct)
    {
        var total = await db.LedgerEntries.SumAsync(e => (decimal?)e.Amount, ct) ?? 0;
        var accounts = await db.LedgerAccounts.AsNoTracking()
            .Select(a => new AccountOff(a.Id, a.Balance, db.LedgerEntries.Where(e => e.LedgerAccountId == a.Id).Sum(e => (decimal?)e.Amount) ?? 0))
            .ToListAsync(ct);
        var accountsOff = accounts.Where(a => a.Balance != a.EntriesSum).ToList();

        var payments = await db.Payments.AsNoTracking()
            .Select(p => new
            {
                p.Id,
                Completed = p.Status == PaymentStatus.Completed,
                p.Amount,
                Lines = db.LedgerEntries.Count(e => e.SourceType == Postings.PaymentSource && e.SourceId == p.Id),
                Payer = db.LedgerEntries.Where(e => e.SourceType == Postings.PaymentSource && e.SourceId == p.Id
                    && db.LedgerAccounts.Any(l => l.Id == e.LedgerAccountId && l.BankAccountId == p.PayerAccountId)).Sum(e => (decimal?)e.Amount) ?? 0,
                Payee = db.LedgerEntries.Where(e => e.SourceType == Postings.PaymentSource && e.SourceId == p.Id
                    && db.LedgerAccounts.Any(l => l.Id == e.LedgerAccountId && l.BankAccountId == p.PayeeAccountId)).Sum(e => (decimal?)e.Amount) ?? 0,
            })
            .ToListAsync(ct);
        var paymentsOff = payments
            .Where(p => p.Completed ? p.Lines != 4 || p.Payer != -p.Amount || p.Payee != p.Amount : p.Lines != 0)
            .Select(p => p.Id).ToList();

        return TypedResults.Ok(new Response(total == 0 && accountsOff.Count == 0 && paymentsOff.Count == 0,
            total, accounts.Count, accountsOff, payments.Count, paymentsOff));
    }
}
