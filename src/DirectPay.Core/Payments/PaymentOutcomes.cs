using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Payments;

/// <summary>
/// What follows from the bank's answer about a payment, whichever way it came (a due time for instant and wire, a file
/// for ACH): its status, the lease's dues, the books and the webhooks, in the caller's transaction, which holds the
/// payment's row. Each rule lives here once.
/// </summary>
public static class PaymentOutcomes
{
    /// <summary>Completed: the dues it pays are paid and the schedule moves on; the books record it. Returns what it paid beyond what was owed.</summary>
    public static async Task<decimal> CompleteAsync(this DirectPayDb db, Payment payment, DateTimeOffset now, CancellationToken ct)
    {
        payment.Complete(now);
        var lease = (await db.LockLeaseAsync(payment.LeaseId, ct))!;
        var unapplied = db.ApplySettled(lease, payment, now);
        await db.EnqueueAsync(WebhookEventTypes.PaymentCompleted, payment, now, ct);
        // Its return window has closed: the money in the settlement account is the landlord's, for the next payout.
        if (payment.CollectedThroughSettlement) db.PayoutItems.Add(PayoutItem.Collected(payment, now));
        await db.SaveChangesAsync(ct);
        // Last, just before the commit: the landlord's ledger row, which every payment to that landlord updates, stays
        // locked for as short a time as possible.
        var (payerLedger, payeeLedger) = await db.LedgerAccountsOfAsync(payment, ct);
        await db.PostAsync(Postings.Settlement(payment, payerLedger, payeeLedger), now, ct);
        return unapplied;
    }

    /// <summary>Failed with the bank's reason; an autopay's renter and landlord are told as well.</summary>
    public static async Task FailAsync(this DirectPayDb db, Payment payment, BankFailure failure, DateTimeOffset now, CancellationToken ct)
    {
        payment.Fail(failure, now);
        await db.EnqueueAsync(WebhookEventTypes.PaymentFailed, payment, now, ct);
        if (await db.AutopayAttempts.SingleOrDefaultAsync(a => a.PaymentId == payment.Id, ct) is { } autopay)
            await db.EnqueueAutopayFailedAsync(await db.Leases.SingleAsync(l => l.Id == payment.LeaseId, ct), payment.PayerId, autopay.Period,
                $"{payment.FailureCode}: {payment.FailureReason}", payment.Id, now, ct);
    }

    /// <summary>
    /// Returned after it completed: what it paid is owed again, the books reverse it as the bank did (the whole debit), and
    /// the landlord gives it back (refunds they gave of it, or that are on their way, stay theirs: see
    /// RefundOutcomes.SettleBeforeReturnAsync). One the old simulator moved straight to the landlord stays as it is (false)
    /// once refunded or with a refund on its way: nothing of it is where DirectPay could take it back.
    /// </summary>
    public static async Task<bool> ReturnAsync(this DirectPayDb db, Payment payment, BankFailure failure, DateTimeOffset now, CancellationToken ct)
    {
        if (!payment.CanBeReturned
            || !payment.CollectedThroughSettlement && await db.Refunds.AnyAsync(r => r.PaymentId == payment.Id
                && (r.Status == RefundStatus.Pending || r.Status == RefundStatus.Processing), ct))
            return false;
        payment.Return(failure, now);
        await db.EnqueueAsync(WebhookEventTypes.PaymentReturned, payment, now, ct);
        await db.ReverseReturnedAsync((await db.LockLeaseAsync(payment.LeaseId, ct))!, payment, now, ct);
        // Owed back by the landlord: netted from the next payout (or from this collection, if not paid out yet).
        if (payment.CollectedThroughSettlement) db.PayoutItems.Add(PayoutItem.Returned(payment, now));
        var (payerLedger, payeeLedger) = await db.LedgerAccountsOfAsync(payment, ct);
        await db.PostAsync(Postings.Return(payment, payerLedger, payeeLedger), now, ct);
        return true;
    }
}
