using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using DirectPay.Api.Infrastructure;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DirectPay.Api.Features.Webhooks;

public static class RegisterWebhook
{
    /// <param name="EventTypes">payment.completed, payment.failed, payment.refunded, payment.returned, autopay.failed, late_fee.charged.</param>
    public sealed record Request([Required, MaxLength(2048)] string Url, [Required, MinLength(1), MaxLength(6)] string[] EventTypes);

    internal static async Task<Results<Created<WebhookResponse>, ProblemHttpResult>> Handle(
        Request request, ClaimsPrincipal caller, DirectPayDb db, IConfiguration configuration, CancellationToken ct)
    {
        if (request.EventTypes.FirstOrDefault(t => !WebhookEventTypes.All.Contains(t)) is { } unknown)
            return Problems.Invalid("event_types", $"'{unknown}' is not an event type: {string.Join(", ", WebhookEventTypes.All.Order())}.");
        var allowed = configuration.GetSection("Webhooks:AllowedPrivateHosts").Get<string[]>() ?? [];
        if (await WebhookTargets.WhyNotAsync(request.Url, allowed, ct) is { } refused) return Problems.Invalid("url", refused);

        var endpoint = new WebhookEndpoint(Guid.CreateVersion7(), caller.UserId(), request.Url, request.EventTypes);
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/webhooks/{endpoint.Id}", WebhookResponse.From(endpoint, withSecret: true));
    }
}
