namespace DirectPay.Domain;

/// <summary>
/// "This payment event must reach the worker", written in the same transaction as the event itself;
/// the relay publishes it to the Redis stream after commit, so no write is ever made twice in two systems.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage() { }

    public OutboxMessage(Payment payment, PaymentEvent @event)
    {
        PaymentId = payment.Id;
        EventSequence = @event.Sequence;
        TraceParent = payment.TraceParent;
    }

    public OutboxMessage(Refund refund, RefundEvent @event)
    {
        PaymentId = refund.PaymentId;
        RefundId = refund.Id;
        EventSequence = @event.Sequence;
        TraceParent = refund.TraceParent;
    }

    /// <summary>The message again for a payment or refund still pending long after it was published (its first message was lost).</summary>
    public static OutboxMessage Redrive(Payment payment) =>
        new() { PaymentId = payment.Id, EventSequence = payment.LastSequence, TraceParent = payment.TraceParent };

    public static OutboxMessage Redrive(Refund refund) =>
        new() { PaymentId = refund.PaymentId, RefundId = refund.Id, EventSequence = refund.LastSequence, TraceParent = refund.TraceParent };

    public long Id { get; private set; }
    public Guid PaymentId { get; private set; }
    /// <summary>Set when the event is the refund's, not the payment's.</summary>
    public Guid? RefundId { get; private set; }
    public int EventSequence { get; private set; }
    public string? TraceParent { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
}
