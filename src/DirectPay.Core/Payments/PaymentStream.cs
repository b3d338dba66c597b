using StackExchange.Redis;

namespace DirectPay.Payments;

/// <summary>The Redis stream between the api's outbox relay and the payment workers: names and the message shape.</summary>
public static class PaymentStream
{
    public const string Key = "directpay:payments";
    public const string ConsumerGroup = "payment-workers";
    public const string DeadLetterKey = "directpay:payments:dead";
    /// <summary>Published after every XADD so idle workers read at once instead of waiting for their next poll.</summary>
    public static readonly RedisChannel Nudge = RedisChannel.Literal("directpay:payments:nudge");
}

/// <summary>"Payment X (or its refund R) has event N to act on", with the trace it belongs to.</summary>
public sealed record PaymentMessage(Guid PaymentId, int EventSequence, string? TraceParent, Guid? RefundId = null)
{
    private const string PaymentIdField = "payment_id", EventSequenceField = "event_sequence", TraceParentField = "traceparent",
        RefundIdField = "refund_id";

    public NameValueEntry[] ToEntries() =>
    [
        new(PaymentIdField, PaymentId.ToString()),
        new(EventSequenceField, EventSequence),
        new(TraceParentField, TraceParent ?? ""),
        new(RefundIdField, RefundId?.ToString() ?? ""),
    ];

    /// <summary>The message of a stream entry, or null when the entry is not one (it goes to the dead letters).</summary>
    public static PaymentMessage? From(StreamEntry entry) =>
        Guid.TryParse((string?)entry[PaymentIdField], out var paymentId) && int.TryParse((string?)entry[EventSequenceField], out var sequence)
            ? new PaymentMessage(paymentId, sequence, entry[TraceParentField].IsNullOrEmpty ? null : entry[TraceParentField].ToString(),
                Guid.TryParse((string?)entry[RefundIdField], out var refundId) ? refundId : null)
            : null;
}
