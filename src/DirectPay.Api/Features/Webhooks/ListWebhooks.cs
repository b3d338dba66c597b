using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Webhooks;

public static class ListWebhooks
{
    internal static async Task<Ok<List<WebhookResponse>>> Handle(ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        var me = caller.UserId();
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.OwnerId == me).OrderBy(e => e.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(endpoints.Select(e => WebhookResponse.From(e)).ToList());
    }

    /// <summary>The latest 100 deliveries of one of the caller's endpoints.</summary>
    internal static async Task<Results<Ok<List<DeliveryResponse>>, ProblemHttpResult>> Deliveries(
        Guid id, ClaimsPrincipal caller, DirectPayDb db, CancellationToken ct)
    {
        var me = caller.UserId();
        if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == id && e.OwnerId == me, ct)) return Problems.NotFound("webhook");
        var deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == id)
            .OrderByDescending(d => d.CreatedAt).Take(100).ToListAsync(ct);
        return TypedResults.Ok(deliveries.Select(DeliveryResponse.From).ToList());
    }
}
