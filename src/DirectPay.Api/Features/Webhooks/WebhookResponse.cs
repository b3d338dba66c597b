using DirectPay.Domain;

namespace DirectPay.Api.Features.Webhooks;

/// <param name="Secret">Only in the answer to the registration: keep it to verify DirectPay-Signature.</param>
public sealed record WebhookResponse(Guid Id, string Url, string[] EventTypes, bool IsEnabled, int ConsecutiveFailures,
    DateTimeOffset CreatedAt, string? Secret = null)
{
    public static WebhookResponse From(WebhookEndpoint e, bool withSecret = false) =>
        new(e.Id, e.Url, e.EventTypes, e.IsEnabled, e.ConsecutiveFailures, e.CreatedAt, withSecret ? e.Secret : null);
}

public sealed record DeliveryResponse(Guid Id, string EventType, WebhookDeliveryStatus Status, int Attempts, int? LastStatusCode,
    string? LastError, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, DateTimeOffset CreatedAt)
{
    public static DeliveryResponse From(WebhookDelivery d) =>
        new(d.Id, d.EventType, d.Status, d.Attempts, d.LastStatusCode, d.LastError, d.NextAttemptAt, d.DeliveredAt, d.CreatedAt);
}
