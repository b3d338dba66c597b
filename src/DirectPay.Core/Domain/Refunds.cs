using System.Text.Json;

namespace DirectPay.Domain;

public enum RefundStatus { Pending, Processing, Completed, Failed, Returned }

/// <summary>
/// Money going back from the landlord to the renter for part or all of a completed payment: a transfer of its own,
/// with its own state machine (pending → processing → completed | failed; completed → returned) and its own events.
/// </summary>
public sealed class Refund
{
    private static readonly HashSet<(RefundStatus, RefundStatus)> Transitions =
        [(RefundStatus.Pending, RefundStatus.Processing), (RefundStatus.Processing, RefundStatus.Completed), (RefundStatus.Processing, RefundStatus.Failed),
        (RefundStatus.Completed, RefundStatus.Returned)]; // an ACH credit the renter's bank sent back after its window

    private readonly List<RefundEvent> _events = [];

    private Refund() { }

    public Refund(Guid id, Payment payment, decimal amount, PaymentRail rail, string? reason, Guid requestedBy, string? traceParent, DateTimeOffset now)
    {
        Id = id;
        PaymentId = payment.Id;
        Amount = Money.Normalize(amount);
        Rail = rail;
        Reason = reason;
        RequestedBy = requestedBy;
        TraceParent = traceParent;
        Status = RefundStatus.Pending;
        LastSequence = 1;
        _events.Add(RefundEvent.Of(this, "refund_requested", null, 1, now));
    }

    public Guid Id { get; private set; }
    public Guid PaymentId { get; private set; }
    public decimal Amount { get; private set; }
    public PaymentRail Rail { get; private set; }
    public RefundStatus Status { get; private set; }
    public int Version { get; private set; }
    public int LastSequence { get; private set; }
    public string? Reason { get; private set; }
    public Guid RequestedBy { get; private set; }
    public string? FailureCode { get; private set; }
    public string? FailureReason { get; private set; }
    public DateTimeOffset? BankAnswerDueAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? TraceParent { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<RefundEvent> Events => _events;

    /// <param name="bankAnswerDueAt">When to ask the bank about a refund by transfer order (at once, then when the bank
    /// expects to answer); none for an ACH credit, whose answer comes in the bank's files.</param>
    public RefundEvent StartProcessing(DateTimeOffset? bankAnswerDueAt, DateTimeOffset now)
    {
        BankAnswerDueAt = bankAnswerDueAt;
        return MoveTo(RefundStatus.Processing, "refund_processing", now);
    }

    /// <summary>The bank has not answered yet: ask again when it expects to.</summary>
    public void WaitForBank(DateTimeOffset askAgainAt) => BankAnswerDueAt = askAgainAt;

    public RefundEvent Complete(DateTimeOffset now)
    {
        BankAnswerDueAt = null;
        CompletedAt = now;
        return MoveTo(RefundStatus.Completed, "refund_completed", now);
    }

    public RefundEvent Fail(BankFailure failure, DateTimeOffset now)
    {
        BankAnswerDueAt = null;
        FailureCode = failure.Code;
        FailureReason = failure.Reason;
        return MoveTo(RefundStatus.Failed, "refund_failed", now);
    }

    /// <summary>The renter's bank sent the credit back after it completed: the renter does not have the money.</summary>
    public RefundEvent Return(BankFailure failure, DateTimeOffset now)
    {
        FailureCode = failure.Code;
        FailureReason = failure.Reason;
        return MoveTo(RefundStatus.Returned, "refund_returned", now);
    }

    private RefundEvent MoveTo(RefundStatus next, string eventType, DateTimeOffset now)
    {
        if (!Transitions.Contains((Status, next))) throw new InvalidOperationException($"Refund {Id} cannot go from {Status} to {next}.");
        var previous = Status;
        Status = next;
        Version++;
        LastSequence++;
        var @event = RefundEvent.Of(this, eventType, previous, LastSequence, now);
        _events.Add(@event);
        return @event;
    }
}

/// <summary>One immutable line of a refund's history.</summary>
public sealed class RefundEvent
{
    private RefundEvent() { }

    public long Id { get; private set; }
    public Guid RefundId { get; private set; }
    public int Sequence { get; private set; }
    public string EventType { get; private set; } = "";
    public RefundStatus? PreviousStatus { get; private set; }
    public RefundStatus NewStatus { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public JsonDocument Metadata { get; private set; } = null!;
    /// <summary>The user who made this happen (the one who asked for the refund); null when DirectPay did.</summary>
    public Guid? ActorId { get; private set; }

    internal static RefundEvent Of(Refund refund, string eventType, RefundStatus? previous, int sequence, DateTimeOffset now) => new()
    {
        RefundId = refund.Id,
        Sequence = sequence,
        EventType = eventType,
        PreviousStatus = previous,
        NewStatus = refund.Status,
        OccurredAt = now,
        Metadata = JsonSerializer.SerializeToDocument(new Dictionary<string, object?>
        {
            ["payment_id"] = refund.PaymentId,
            ["amount"] = refund.Amount,
            ["payment_rail_type"] = Data.SnakeCaseEnum<PaymentRail>.ToText[refund.Rail],
            ["failure_code"] = refund.FailureCode,
            ["bank_answer_due_at"] = refund.BankAnswerDueAt,
            ["version"] = refund.Version,
        }),
    };
}
