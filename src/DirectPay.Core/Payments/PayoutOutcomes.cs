using DirectPay.Data;
using DirectPay.Domain;

namespace DirectPay.Payments;

/// <summary>
/// What follows when a payout does not reach the landlord, whichever way that is learned (a return file, a refused
/// file, a number the vault cannot open): its amount goes back on the landlord's balance for the next payout, and the
/// landlord is told (payout.returned). A returned one also stops payouts to its account (BankFileCollector.Payouts.cs)
/// until the landlord names another primary account. In the caller's transaction, which holds the payout.
/// </summary>
public static class PayoutOutcomes
{
    public static Task FailAsync(this DirectPayDb db, Payout payout, BankFailure failure, DateTimeOffset now, CancellationToken ct)
    {
        payout.Fail(failure, now);
        return CameBackAsync(db, payout, now, ct);
    }

    /// <summary>Returned by the landlord's bank; one already paid (a late return) has its posting reversed as well.</summary>
    public static async Task ReturnAsync(this DirectPayDb db, Payout payout, BankFailure failure, DateTimeOffset now, CancellationToken ct)
    {
        var wasPaid = payout.State == PayoutState.Paid;
        payout.Return(failure, now);
        await CameBackAsync(db, payout, now, ct);
        if (wasPaid) await db.PostAsync(Postings.PayoutReturn(payout, await db.LedgerAccountOfAsync(payout.BankAccountId, ct)), now, ct);
    }

    private static async Task CameBackAsync(DirectPayDb db, Payout payout, DateTimeOffset now, CancellationToken ct)
    {
        db.PayoutItems.Add(PayoutItem.CameBack(payout, now));
        await db.EnqueueAsync(WebhookEventTypes.PayoutReturned, payout, now, ct);
    }
}
