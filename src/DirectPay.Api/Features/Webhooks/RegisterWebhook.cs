using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Api.Features.Webhooks;

public static class RegisterWebhook
{
    /// <summary>Each endpoint costs every event a delivery; more than a few per user is a misuse, not an integration.</summary>
    public const int MaxEndpointsPerUser = 10;

    /// <param name="EventTypes">payment.completed, payment.failed, payment.refunded, payment.returned, autopay.failed, late_fee.charged, lease.amended.</param>
    public sealed record Request([Required, MaxLength(2048)] string Url, [Required, MinLength(1), MaxLength(7)] string[] EventTypes);

    internal static async Task<Results<Created<WebhookResponse>, ProblemHttpResult>> Handle(
        Request request, ClaimsPrincipal caller, DirectPayDb db, IConfiguration configuration, CancellationToken ct)
    {
        if (request.EventTypes.FirstOrDefault(t => !WebhookEventTypes.All.Contains(t)) is { } unknown)
            return Problems.Invalid("event_types", $"'{unknown}' is not an event type: {string.Join(", ", WebhookEventTypes.All.Order())}.");
        var allowed = configuration.GetSection("Webhooks:AllowedPrivateHosts").Get<string[]>() ?? [];
        if (await WebhookTargets.WhyNotAsync(request.Url, allowed, ct) is { } refused) return Problems.Invalid("url", refused);

        var owned = await db.WebhookEndpoints.CountAsync(e => e.OwnerId == caller.UserId(), ct);
        if (owned >= MaxEndpointsPerUser)
            return Problems.Conflict($"You have {owned} webhook endpoints, the most allowed; delete one to register another.");

        var endpoint = new WebhookEndpoint(Guid.CreateVersion7(), caller.UserId(), request.Url, request.EventTypes);
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/webhooks/{endpoint.Id}", WebhookResponse.From(endpoint, withSecret: true));
    }
}
