using DirectPay.Banking;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Payments;

/// <summary>
/// What follows from the bank's answer about a refund, whichever way it came (a due time for instant and wire, the
/// close of an ACH credit's return window, a return file): in the caller's transaction, which holds the payment's row
/// and then the refund's (in that order, everywhere).
/// </summary>
public static class RefundOutcomes
{
    /// <summary>
    /// Completed: the payment records it, the books move the money back to the renter, and a refund of money collected
    /// into the settlement account lowers the landlord's next payout.
    /// </summary>
    public static async Task CompleteAsync(this DirectPayDb db, Refund refund, Payment payment, DateTimeOffset now, CancellationToken ct)
    {
        refund.Complete(now);
        payment.RecordRefund(refund, now);
        if (payment.Status == PaymentStatus.Refunded) await db.EnqueueAsync(WebhookEventTypes.PaymentRefunded, payment, now, ct);
        if (payment.CollectedThroughSettlement) db.PayoutItems.Add(PayoutItem.Refunded(payment, refund, now));
        var (payerLedger, payeeLedger) = await db.LedgerAccountsOfAsync(payment, ct);
        await db.PostAsync(Postings.Refund(refund, payerLedger, payeeLedger), now, ct);
    }

    /// <summary>
    /// A completed refund's credit came back from the renter's bank: the payment is refunded by that much less, the
    /// books reverse it, and what the landlord gave for it is theirs again (their next payout).
    /// </summary>
    public static async Task ReturnAsync(this DirectPayDb db, Refund refund, Payment payment, BankFailure failure, DateTimeOffset now, CancellationToken ct)
    {
        refund.Return(failure, now);
        payment.UndoRefund(refund, now);
        if (payment.CollectedThroughSettlement) db.PayoutItems.Add(PayoutItem.CameBack(payment, refund, now));
        var (payerLedger, payeeLedger) = await db.LedgerAccountsOfAsync(payment, ct);
        await db.PostAsync(Postings.RefundReturn(refund, payerLedger, payeeLedger), now, ct);
    }

    /// <summary>
    /// The payer's bank took the payment back in a file written at <paramref name="writtenAt"/>: a refund that has not
    /// left (pending, or a credit still queued for a file) never will, as the renter has the money back; a credit whose
    /// return window had closed by then completed first. True when a refund is still on its way: the renter will have that
    /// part twice. The caller holds the payment's row and the origination cursor (no file takes a queued credit meanwhile).
    /// </summary>
    public static async Task<bool> SettleBeforeReturnAsync(this DirectPayDb db, Payment payment, DateTimeOffset writtenAt, DateTimeOffset now,
        CancellationToken ct)
    {
        var live = await db.Refunds
            .FromSql($"SELECT * FROM refunds WHERE payment_id = {payment.Id} AND status IN ('pending', 'processing') ORDER BY id FOR UPDATE")
            .ToListAsync(ct);
        var onItsWay = false;
        foreach (var refund in live)
        {
            var entry = await db.AchEntries.SingleOrDefaultAsync(e => e.RefundId == refund.Id, ct);
            if (refund.Status == RefundStatus.Pending || entry?.State == AchEntryState.Queued)
            {
                entry?.Refuse();
                if (refund.Status == RefundStatus.Pending) refund.StartProcessing(null, now);
                refund.Fail(BankFailure.PaymentReturned, now);
            }
            else if (entry is { State: AchEntryState.InFile } && AchReturns.WindowClosesAt(entry.SettlementDate) <= writtenAt)
                await db.CompleteAsync(refund, payment, now, ct);
            else onItsWay = true;
        }
        await db.SaveChangesAsync(ct);
        return onItsWay;
    }
}
