namespace DirectPay.Domain;

/// <summary>
/// A caller's idempotency key and the answer it got: the unique (owner, key) index makes concurrent duplicates
/// lose to the first, and the stored response is what a replay returns.
/// </summary>
public sealed class IdempotencyRecord
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);
    public const int MaxKeyLength = 255;

    private IdempotencyRecord() { }

    public IdempotencyRecord(Guid ownerId, string key, string fingerprint, Guid paymentId, int statusCode, string location,
        string responseBody, DateTimeOffset now)
    {
        ResponseLocation = location;
        OwnerId = ownerId;
        Key = key;
        RequestFingerprint = fingerprint;
        PaymentId = paymentId;
        ResponseStatusCode = statusCode;
        ResponseBody = responseBody;
        ExpiresAt = now + KeptFor;
    }

    public Guid OwnerId { get; private set; }
    public string Key { get; private set; } = "";
    /// <summary>SHA-256 of the request's meaning (not its bytes): the same key with another request is refused.</summary>
    public string RequestFingerprint { get; private set; } = "";
    public Guid PaymentId { get; private set; }
    public int ResponseStatusCode { get; private set; }
    public string ResponseLocation { get; private set; } = "";
    public string ResponseBody { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
}
