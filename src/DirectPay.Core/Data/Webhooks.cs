using System.Text.Json;
using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Data;

public static class Webhooks
{
    /// <summary>
    /// Queues the event for every enabled endpoint of the payment's payer and payee that asked for it, in the caller's
    /// transaction: the event is sent if and only if the change it reports is committed.
    /// </summary>
    public static async Task EnqueueAsync(this DirectPayDb db, string eventType, Payment payment, DateTimeOffset now, CancellationToken ct)
    {
        var endpoints = await db.WebhookEndpoints
            .Where(e => e.IsEnabled && (e.OwnerId == payment.PayerId || e.OwnerId == payment.PayeeId) && e.EventTypes.Contains(eventType))
            .Select(e => e.Id).ToListAsync(ct);
        foreach (var endpoint in endpoints)
        {
            var eventId = Guid.CreateVersion7();
            var payload = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["id"] = eventId,
                ["type"] = eventType,
                ["created_at"] = now,
                ["data"] = new Dictionary<string, object?>
                {
                    ["payment_id"] = payment.Id,
                    ["lease_id"] = payment.LeaseId,
                    ["amount"] = payment.Amount,
                    ["refunded_amount"] = payment.RefundedAmount,
                    ["status"] = SnakeCaseEnum<PaymentStatus>.ToText[payment.Status],
                    ["payment_rail_type"] = SnakeCaseEnum<PaymentRail>.ToText[payment.Rail],
                    ["failure_code"] = payment.FailureCode,
                },
            });
            db.WebhookDeliveries.Add(new WebhookDelivery(eventId, endpoint, eventType, payload, now));
        }
    }
}
