using System.Text.Json;
using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Data;

public static class Webhooks
{
    /// <summary>A payment event, for the payer's and the payee's endpoints.</summary>
    public static Task EnqueueAsync(this DirectPayDb db, string eventType, Payment payment, DateTimeOffset now, CancellationToken ct) =>
        db.EnqueueAsync(eventType, [payment.PayerId, payment.PayeeId], new Dictionary<string, object?>
        {
            ["payment_id"] = payment.Id,
            ["lease_id"] = payment.LeaseId,
            ["amount"] = payment.Amount,
            ["refunded_amount"] = payment.RefundedAmount,
            ["status"] = SnakeCaseEnum<PaymentStatus>.ToText[payment.Status],
            ["payment_rail_type"] = SnakeCaseEnum<PaymentRail>.ToText[payment.Rail],
            ["failure_code"] = payment.FailureCode,
        }, now, ct);

    /// <summary>Autopay could not pay a renter's period (no usable account), or the bank refused the payment it made.</summary>
    public static Task EnqueueAutopayFailedAsync(this DirectPayDb db, Lease lease, Guid renterId, DateOnly period, string reason,
        Guid? paymentId, DateTimeOffset now, CancellationToken ct) =>
        db.EnqueueAsync(WebhookEventTypes.AutopayFailed, [lease.LandlordId, renterId], new Dictionary<string, object?>
        {
            ["lease_id"] = lease.Id,
            ["renter_id"] = renterId,
            ["period"] = $"{period:yyyy-MM}",
            ["payment_id"] = paymentId,
            ["reason"] = reason,
        }, now, ct);

    /// <summary>A payout reached the landlord's account, or came back from it (the money waits on the landlord's balance).</summary>
    public static Task EnqueueAsync(this DirectPayDb db, string eventType, Payout payout, DateTimeOffset now, CancellationToken ct) =>
        db.EnqueueAsync(eventType, [payout.LandlordId], new Dictionary<string, object?>
        {
            ["payout_id"] = payout.Id,
            ["landlord_id"] = payout.LandlordId,
            ["bank_account_id"] = payout.BankAccountId,
            ["amount"] = payout.Amount,
            ["status"] = SnakeCaseEnum<PayoutState>.ToText[payout.State],
            ["trace_number"] = payout.TraceNumber,
            ["failure_code"] = payout.FailureCode,
        }, now, ct);

    /// <summary>The landlord changed a lease's terms (an amendment) or its rent policy: every renter hears of it.</summary>
    public static Task EnqueueLeaseAmendedAsync(this DirectPayDb db, Lease lease, string change, DateOnly effectiveFrom,
        DateTimeOffset now, CancellationToken ct)
    {
        var terms = lease.TermsFor(DueDates.PeriodOf(effectiveFrom));
        return db.EnqueueAsync(WebhookEventTypes.LeaseAmended, lease.Renters.Select(r => r.RenterId).ToList(), new Dictionary<string, object?>
        {
            ["lease_id"] = lease.Id,
            ["change"] = change,
            ["effective_from"] = effectiveFrom,
            ["rent_amount"] = terms.RentAmount,
            ["due_day"] = terms.DueDay,
            ["grace_days"] = lease.Policy.GraceDays,
            ["late_fee_type"] = SnakeCaseEnum<LateFeeType>.ToText[lease.Policy.LateFeeType],
            ["late_fee_amount"] = lease.Policy.LateFeeAmount,
            ["late_fee_cap"] = lease.Policy.LateFeeCap,
            ["full_payments_only"] = lease.Policy.FullPaymentsOnly,
        }, now, ct);
    }

    /// <summary>
    /// Queues the event for every enabled endpoint of the <paramref name="recipients"/> that asked for it, in the caller's
    /// transaction: the event is sent if and only if the change it reports is committed.
    /// </summary>
    public static async Task EnqueueAsync(this DirectPayDb db, string eventType, IReadOnlyCollection<Guid> recipients,
        IReadOnlyDictionary<string, object?> data, DateTimeOffset now, CancellationToken ct)
    {
        var endpoints = await db.WebhookEndpoints
            .Where(e => e.IsEnabled && recipients.Contains(e.OwnerId) && e.EventTypes.Contains(eventType))
            .Select(e => e.Id).ToListAsync(ct);
        foreach (var endpoint in endpoints)
        {
            var eventId = Guid.CreateVersion7();
            var payload = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["id"] = eventId,
                ["type"] = eventType,
                ["created_at"] = now,
                ["data"] = data,
            });
            db.WebhookDeliveries.Add(new WebhookDelivery(eventId, endpoint, eventType, payload, now));
        }
    }
}
