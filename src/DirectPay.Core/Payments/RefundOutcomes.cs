using DirectPay.Data;
using DirectPay.Domain;

namespace DirectPay.Payments;

/// <summary>
/// What follows from the bank's answer about a refund, whichever way it came (a due time for instant and wire, the
/// close of an ACH credit's return window): in the caller's transaction, which holds the refund.
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
}
