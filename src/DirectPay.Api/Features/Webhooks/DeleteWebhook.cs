using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Webhooks;

public static class DeleteWebhook
{
    internal static async Task<Results<NoContent, ProblemHttpResult>> Handle(Guid id, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        var me = caller.UserId();
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id && e.OwnerId == me, ct);
        if (endpoint is null) return Problems.NotFound("webhook");
        db.WebhookEndpoints.Remove(endpoint); // through SaveChanges, so the audit log sees it; the database cascades to deliveries
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Queues a delivery again, with its event id unchanged, so the receiver can tell it is the same event.</summary>
    internal static async Task<Results<Accepted<DeliveryResponse>, ProblemHttpResult>> Resend(
        Guid id, Guid deliveryId, ClaimsPrincipal caller, DirectPayDb db, TimeProvider clock, CancellationToken ct)
    {
        var me = caller.UserId();
        var delivery = await db.WebhookDeliveries
            .SingleOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == id && db.WebhookEndpoints.Any(e => e.Id == id && e.OwnerId == me), ct);
        if (delivery is null) return Problems.NotFound("delivery");
        delivery.Resend(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries", DeliveryResponse.From(delivery));
    }
}
