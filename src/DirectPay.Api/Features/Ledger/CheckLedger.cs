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
        int PaymentsChecked, List<Guid> PaymentsOff, int RefundsChecked, List<Guid> RefundsOff, int PayoutsChecked, List<Guid> PayoutsOff);

    /// <summary>
    /// The books' invariants: all entries sum to zero; each account's balance is the sum of its entries; each settled
    /// payment (completed, refunded or returned) has exactly its four settlement lines (payer −amount, payee +amount) and
    /// no other payment has any; each returned payment also its four return lines (payer +amount); likewise each completed refund (payee −amount, payer +amount), and each returned refund its reversal as well; and a
    /// payment's refunded amount is the sum of its completed refunds. The payee of a payment collected in an ACH file is the settlement account; each
    /// payout carries lines summing to its amount, and a paid one has its four lines (landlord +amount), reversed if returned.
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
                Settled = p.Status == PaymentStatus.Completed || p.Status == PaymentStatus.Refunded || p.Status == PaymentStatus.Returned,
                Returned = p.Status == PaymentStatus.Returned,
                ReturnLines = db.LedgerEntries.Count(e => e.SourceType == Postings.ReturnSource && e.SourceId == p.Id),
                ReturnedToPayer = db.LedgerEntries.Where(e => e.SourceType == Postings.ReturnSource && e.SourceId == p.Id
                    && db.LedgerAccounts.Any(l => l.Id == e.LedgerAccountId && l.BankAccountId == p.PayerAccountId)).Sum(e => (decimal?)e.Amount) ?? 0,
                RefundsMatch = p.RefundedAmount == (db.Refunds.Where(r => r.PaymentId == p.Id && r.Status == RefundStatus.Completed).Sum(r => (decimal?)r.Amount) ?? 0),
                p.Amount,
                Lines = db.LedgerEntries.Count(e => e.SourceType == Postings.PaymentSource && e.SourceId == p.Id),
                Payer = db.LedgerEntries.Where(e => e.SourceType == Postings.PaymentSource && e.SourceId == p.Id
                    && db.LedgerAccounts.Any(l => l.Id == e.LedgerAccountId && l.BankAccountId == p.PayerAccountId)).Sum(e => (decimal?)e.Amount) ?? 0,
                // Collected in an ACH file: the money went to DirectPay's settlement account, and reaches the landlord by a payout.
                Payee = db.LedgerEntries.Where(e => e.SourceType == Postings.PaymentSource && e.SourceId == p.Id
                    && (p.CollectedThroughSettlement ? e.LedgerAccountId == LedgerAccount.SettlementId
                        : db.LedgerAccounts.Any(l => l.Id == e.LedgerAccountId && l.BankAccountId == p.PayeeAccountId))).Sum(e => (decimal?)e.Amount) ?? 0,
            })
            .ToListAsync(ct);
        var paymentsOff = payments
            .Where(p => !p.RefundsMatch
                        || (p.Settled ? p.Lines != 4 || p.Payer != -p.Amount || p.Payee != p.Amount : p.Lines != 0)
                        || (p.Returned ? p.ReturnLines != 4 || p.ReturnedToPayer != p.Amount : p.ReturnLines != 0))
            .Select(p => p.Id).ToList();

        var refunds = await db.Refunds.AsNoTracking()
            .Select(r => new
            {
                r.Id,
                Settled = r.Status == RefundStatus.Completed || r.Status == RefundStatus.Returned,
                Returned = r.Status == RefundStatus.Returned,
                r.Amount,
                ReturnLines = db.LedgerEntries.Count(e => e.SourceType == Postings.RefundReturnSource && e.SourceId == r.Id),
                ReturnedToPayee = db.LedgerEntries.Where(e => e.SourceType == Postings.RefundReturnSource && e.SourceId == r.Id
                    && db.Payments.Any(p => p.Id == r.PaymentId && (p.CollectedThroughSettlement ? e.LedgerAccountId == LedgerAccount.SettlementId
                        : db.LedgerAccounts.Any(l => l.Id == e.LedgerAccountId && p.PayeeAccountId == l.BankAccountId))))
                    .Sum(e => (decimal?)e.Amount) ?? 0,
                Lines = db.LedgerEntries.Count(e => e.SourceType == Postings.RefundSource && e.SourceId == r.Id),
                Payee = db.LedgerEntries.Where(e => e.SourceType == Postings.RefundSource && e.SourceId == r.Id
                    && db.Payments.Any(p => p.Id == r.PaymentId && (p.CollectedThroughSettlement ? e.LedgerAccountId == LedgerAccount.SettlementId
                        : db.LedgerAccounts.Any(l => l.Id == e.LedgerAccountId && p.PayeeAccountId == l.BankAccountId))))
                    .Sum(e => (decimal?)e.Amount) ?? 0,
            })
            .ToListAsync(ct);
        var refundsOff = refunds
            .Where(r => (r.Settled ? r.Lines != 4 || r.Payee != -r.Amount : r.Lines != 0)
                        || (r.Returned ? r.ReturnLines != 4 || r.ReturnedToPayee != r.Amount : r.ReturnLines != 0))
            .Select(r => r.Id).ToList();

        var payouts = await db.Payouts.AsNoTracking()
            .Select(p => new
            {
                p.Id,
                p.Amount,
                WasPaid = p.PaidAt != null,
                Lines = db.LedgerEntries.Count(e => e.SourceType == Postings.PayoutSource && e.SourceId == p.Id),
                ReturnLines = db.LedgerEntries.Count(e => e.SourceType == Postings.PayoutReturnSource && e.SourceId == p.Id),
                Landlord = db.LedgerEntries.Where(e => (e.SourceType == Postings.PayoutSource || e.SourceType == Postings.PayoutReturnSource) && e.SourceId == p.Id
                    && db.LedgerAccounts.Any(l => l.Id == e.LedgerAccountId && l.BankAccountId == p.BankAccountId)).Sum(e => (decimal?)e.Amount) ?? 0,
                Returned = p.State == PayoutState.Returned,
                Items = db.PayoutItems.Where(i => i.PayoutId == p.Id).Sum(i => (decimal?)i.Amount) ?? 0,
            })
            .ToListAsync(ct);
        var payoutsOff = payouts
            .Where(p => p.Items != p.Amount
                        || (p.WasPaid ? p.Lines != 4 : p.Lines != 0)
                        || (p.WasPaid && p.Returned ? p.ReturnLines != 4 || p.Landlord != 0 : p.ReturnLines != 0 || p.Landlord != (p.WasPaid ? p.Amount : 0)))
            .Select(p => p.Id).ToList();

        return TypedResults.Ok(new Response(total == 0 && accountsOff.Count == 0 && paymentsOff.Count == 0 && refundsOff.Count == 0 && payoutsOff.Count == 0,
            total, accounts.Count, accountsOff, payments.Count, paymentsOff, refunds.Count, refundsOff, payouts.Count, payoutsOff));
    }
}
