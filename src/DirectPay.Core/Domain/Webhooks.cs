using System.Security.Cryptography;

namespace DirectPay.Domain;

public static class WebhookEventTypes
{
    public const string PaymentCompleted = "payment.completed";
    public const string PaymentFailed = "payment.failed";
    public const string PaymentRefunded = "payment.refunded";
    public const string PaymentReturned = "payment.returned";
    public const string AutopayFailed = "autopay.failed";
    public const string LateFeeCharged = "late_fee.charged";
    public const string LeaseAmended = "lease.amended";
    public const string PayoutPaid = "payout.paid";
    public const string PayoutReturned = "payout.returned";

    public static readonly IReadOnlySet<string> All =
        new HashSet<string> { PaymentCompleted, PaymentFailed, PaymentRefunded, PaymentReturned, AutopayFailed, LateFeeCharged, LeaseAmended,
            PayoutPaid, PayoutReturned };
}

/// <summary>Where a user wants to hear about events, and the secret their deliveries are signed with.</summary>
public sealed class WebhookEndpoint
{
    private WebhookEndpoint() { }

    public WebhookEndpoint(Guid id, Guid ownerId, string url, IEnumerable<string> eventTypes)
    {
        Id = id;
        OwnerId = ownerId;
        Url = url;
        EventTypes = eventTypes.Distinct().Order().ToArray();
        Secret = "whsec_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        IsEnabled = true;
    }

    public Guid Id { get; private set; }
    public Guid OwnerId { get; private set; }
    public string Url { get; private set; } = "";
    public string[] EventTypes { get; private set; } = [];
    /// <summary>Shown once, when the endpoint is registered; never logged.</summary>
    public string Secret { get; private set; } = "";
    public bool IsEnabled { get; private set; }
    public int ConsecutiveFailures { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Delivered() => ConsecutiveFailures = 0;

    public void Disable() => IsEnabled = false;

    /// <summary>An endpoint failing this many deliveries in a row is disabled.</summary>
    public void Failed(int disableAfter)
    {
        ConsecutiveFailures++;
        if (ConsecutiveFailures >= disableAfter) IsEnabled = false;
    }
}

public enum WebhookDeliveryStatus { Pending, Delivered, Failed }

/// <summary>
/// One event for one endpoint, written in the transaction of the change it reports (the outbox of webhooks); its id is
/// the event id receivers de-duplicate by, the same on every retry.
/// </summary>
public sealed class WebhookDelivery
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(3);

    private WebhookDelivery() { }

    public WebhookDelivery(Guid id, Guid endpointId, string eventType, string payload, DateTimeOffset now)
    {
        Id = id;
        EndpointId = endpointId;
        EventType = eventType;
        Payload = payload;
        Status = WebhookDeliveryStatus.Pending;
        NextAttemptAt = now;
        CreatedAt = now; // the three days of retries count from here
    }

    public Guid Id { get; private set; }
    public Guid EndpointId { get; private set; }
    public string EventType { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public WebhookDeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset? NextAttemptAt { get; private set; }
    public int? LastStatusCode { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Taken by a sender: out of the due window until <paramref name="until"/>, when it is due again if unanswered.</summary>
    public void Claim(DateTimeOffset until) => NextAttemptAt = until;

    public void Succeeded(int statusCode, DateTimeOffset now)
    {
        Attempts++;
        LastStatusCode = statusCode;
        LastError = null;
        Status = WebhookDeliveryStatus.Delivered;
        DeliveredAt = now;
        NextAttemptAt = null;
    }

    /// <summary>Tries again after <paramref name="firstRetryAfter"/>, doubling each time, for up to three days; then gives up.</summary>
    public void AttemptFailed(int? statusCode, string error, TimeSpan firstRetryAfter, DateTimeOffset now)
    {
        Attempts++;
        LastStatusCode = statusCode;
        LastError = error.Length > 200 ? error[..200] : error;
        var next = now + firstRetryAfter * Math.Pow(2, Math.Min(Attempts - 1, 20));
        if (next - CreatedAt > GiveUpAfter)
        {
            Status = WebhookDeliveryStatus.Failed;
            NextAttemptAt = null;
        }
        else
        {
            NextAttemptAt = next;
        }
    }

    public void Resend(DateTimeOffset now)
    {
        Status = WebhookDeliveryStatus.Pending;
        NextAttemptAt = now;
        CreatedAt = now; // the three days of retries count from here
    }
}
