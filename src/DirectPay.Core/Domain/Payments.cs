namespace DirectPay.Domain;

/// <summary>
/// Rent on its way from the renter's account to the landlord's. Its state is what its events say:
/// every change of status goes through <see cref="MoveTo"/>, which appends the event that records it.
/// </summary>
public sealed class Payment
{
    /// <summary>Two reinitiations, three presentments in all (Nacha).</summary>
    public const int MaxRetries = 2;

    private readonly List<PaymentEvent> _events = [];

    private Payment() { }

    /// <param name="periodDueDate">The due date of the oldest period it pays (what it pays is decided when it settles).</param>
    public Payment(Guid id, Lease lease, BankAccount payer, BankAccount payee, decimal amount, PaymentRail rail, DateOnly periodDueDate,
        Guid? authorizationId, string? traceParent, DateTimeOffset now)
    {
        Id = id;
        AuthorizationId = authorizationId;
        LeaseId = lease.Id;
        PayerId = payer.UserId;
        PayerAccountId = payer.Id;
        PayeeId = payee.UserId;
        PayeeAccountId = payee.Id;
        Amount = Money.Normalize(amount);
        Rail = rail;
        PeriodDueDate = periodDueDate;
        TraceParent = traceParent;
        Status = PaymentStatus.Pending;
        CreatedAt = UpdatedAt = Timestamps.Stored(now); // known before the save: the stored answer is written with it
        _events.Add(PaymentEvent.Initiated(this, now));
    }

    public Guid Id { get; private set; }
    public Guid LeaseId { get; private set; }
    public Guid PayerId { get; private set; }
    public Guid PayerAccountId { get; private set; }
    public Guid PayeeId { get; private set; }
    public Guid PayeeAccountId { get; private set; }
    public decimal Amount { get; private set; }
    public PaymentRail Rail { get; private set; }
    /// <summary>The due date of the oldest period this payment was made for; its allocations say what it paid.</summary>
    public DateOnly PeriodDueDate { get; private set; }
    public PaymentStatus Status { get; private set; }
    /// <summary>Bumped by every transition; with the status, the condition of each conditional update.</summary>
    public int Version { get; private set; }
    public string? FailureCode { get; private set; }
    public string? FailureReason { get; private set; }
    public int RetryCount { get; private set; }
    /// <summary>The sum of this payment's settled refunds.</summary>
    public decimal RefundedAmount { get; private set; }
    /// <summary>The sequence of the newest event; kept on the row so a transition needs no read of the history.</summary>
    public int LastSequence { get; private set; } = 1;
    /// <summary>When to ask the bank about a payment in processing by transfer order; none for one in an ACH file.</summary>
    public DateTimeOffset? BankAnswerDueAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    /// <summary>An ACH payment's settlement date: expected when it waits for its cutoff, the ACH operator's once the file is acknowledged.</summary>
    public DateOnly? ExpectedSettlementDate { get; private set; }
    /// <summary>The trace number of an ACH payment's entry, and the file it went in.</summary>
    public string? TraceNumber { get; private set; }
    public Guid? AchFileId { get; private set; }
    /// <summary>
    /// Collected in an ACH file into DirectPay's settlement account, from which its landlord is paid out. Stored, not read
    /// off <see cref="AchFileId"/>: payments completed in files before payouts existed were paid straight to the landlord.
    /// </summary>
    public bool CollectedThroughSettlement { get; private set; }
    /// <summary>What the renter agreed to for this debit (the payment's own, or autopay's); none for payments made before these were kept.</summary>
    public Guid? AuthorizationId { get; private set; }
    /// <summary>The W3C traceparent of the request that initiated it: the worker continues that trace.</summary>
    public string? TraceParent { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<PaymentEvent> Events => _events;

    public bool IsVisibleTo(Guid userId) => userId == PayerId || userId == PayeeId;

    /// <summary>Nacha lets a debit be presented again only after R01 or R09, within 180 days of the first.</summary>
    public static readonly TimeSpan RetryWindow = TimeSpan.FromDays(180);

    /// <summary>Why this payment cannot be started again, or null when it can (what is owed is the lease's to say).</summary>
    public string? CannotRetry(DateTimeOffset now) =>
        Status != PaymentStatus.Failed ? "Only a failed payment is retried."
        : RetryCount >= MaxRetries ? $"The payment was already retried {MaxRetries} times, the most Nacha allows."
        : BankFailure.FromCode(FailureCode)?.Retryable != true ? $"The bank's answer ({FailureCode}: {FailureReason}) is final; start a new payment."
        : now - CreatedAt > RetryWindow ? "The payment is more than 180 days old; start a new payment."
        : null;

    public PaymentEvent StartProcessing(DateTimeOffset bankAnswerDueAt, DateTimeOffset now)
    {
        BankAnswerDueAt = bankAnswerDueAt;
        return MoveTo(PaymentStatus.Processing, "payment_processing", now);
    }

    /// <summary>The bank has not answered its transfer order yet: ask again when it expects to.</summary>
    public void WaitForBank(DateTimeOffset askAgainAt) => BankAnswerDueAt = askAgainAt;

    /// <summary>An ACH payment waits in processing for the file of its cutoff; no answer is due until the bank's files say so.</summary>
    public PaymentEvent WaitForCutoff(DateOnly expectedSettlementDate, DateTimeOffset now)
    {
        BankAnswerDueAt = null;
        ExpectedSettlementDate = expectedSettlementDate;
        return MoveTo(PaymentStatus.Processing, "payment_processing", now);
    }

    /// <summary>Its entry went in an origination file, recorded before it is sent.</summary>
    public PaymentEvent RecordInFile(Guid fileId, string traceNumber, DateTimeOffset now)
    {
        AchFileId = fileId;
        CollectedThroughSettlement = true;
        TraceNumber = traceNumber;
        return Record("payment_submitted", Status, now);
    }

    /// <summary>The bank acknowledged the file, with the date the ACH operator settles the entry.</summary>
    public PaymentEvent RecordAcknowledged(DateOnly settlementDate, DateTimeOffset now)
    {
        ExpectedSettlementDate = settlementDate;
        return Record("payment_acknowledged", Status, now);
    }

    public PaymentEvent Complete(DateTimeOffset now)
    {
        BankAnswerDueAt = null;
        CompletedAt = now;
        return MoveTo(PaymentStatus.Completed, "payment_completed", now);
    }

    public PaymentEvent Fail(BankFailure failure, DateTimeOffset now)
    {
        BankAnswerDueAt = null;
        FailureCode = failure.Code;
        FailureReason = failure.Reason;
        return MoveTo(PaymentStatus.Failed, "payment_failed", now);
    }

    public PaymentEvent Retry(DateTimeOffset now)
    {
        if (CannotRetry(now) is { } reason) throw new InvalidOperationException($"Payment {Id} cannot be retried: {reason}");
        RetryCount++;
        FailureCode = null; // the failed attempt stays in the history; the payment itself is pending again
        FailureReason = null;
        ExpectedSettlementDate = null; // a new attempt is a new entry, in a new file
        TraceNumber = null;
        AchFileId = null;
        CollectedThroughSettlement = false;
        return MoveTo(PaymentStatus.Pending, "payment_retried", now);
    }

    /// <summary>
    /// ACH payments can come back after settlement; instant and wire payments are final. One collected into the settlement
    /// account is returned even after refunds (the bank takes the whole debit back from that account); one the old
    /// simulator moved straight to the landlord is not once refunded (nothing of it is left where DirectPay could take it).
    /// </summary>
    public bool CanBeReturned => Rails.IsAch(Rail) && (CollectedThroughSettlement
        ? Status is PaymentStatus.Completed or PaymentStatus.Refunded
        : Status == PaymentStatus.Completed && RefundedAmount == 0);

    /// <summary>The payer's bank sent the settled money back (R01-R04 in the return window, R10 up to 60 days after).</summary>
    public PaymentEvent Return(BankFailure reason, DateTimeOffset now)
    {
        if (!CanBeReturned) throw new InvalidOperationException($"Payment {Id} cannot be returned.");
        FailureCode = reason.Code;
        FailureReason = reason.Reason;
        return MoveTo(PaymentStatus.Returned, "payment_returned", now);
    }

    /// <summary>
    /// The payer's bank returned a payment refunded since (in part or whole): the money came back twice. Recorded in its
    /// history, with the code, for operations to recover; the payment itself stays as it is.
    /// </summary>
    public PaymentEvent NoteReturnAfterRefund(BankFailure reason, DateTimeOffset now)
    {
        FailureCode = reason.Code;
        FailureReason = reason.Reason;
        return Record("payment_returned_after_refund", Status, now);
    }

    /// <summary>Reconciliation found the bank's statements disagree with this payment: recorded, once, in its history.</summary>
    public PaymentEvent NoteReconciliationFinding(ReconciliationOutcome finding, DateTimeOffset now) =>
        Record(ReconciliationEventType(finding), Status, now);

    public static string ReconciliationEventType(ReconciliationOutcome finding) =>
        $"reconciliation_{Data.SnakeCaseEnum<ReconciliationOutcome>.ToText[finding]}";

    /// <summary>
    /// A refund of this payment settled: the refunded amount grows, and when it reaches the whole amount the payment
    /// is refunded. A partial refund leaves it completed, with an event saying so. A refund credit already on its way
    /// when the payer's bank took the payment back still reaches the renter: recorded, the payment stays returned.
    /// </summary>
    public PaymentEvent RecordRefund(Refund refund, DateTimeOffset now)
    {
        var afterReturn = Status == PaymentStatus.Returned && CollectedThroughSettlement;
        if (Status != PaymentStatus.Completed && !afterReturn || RefundedAmount + refund.Amount > Amount)
            throw new InvalidOperationException($"Payment {Id} cannot take refund {refund.Id}.");
        RefundedAmount += refund.Amount;
        if (afterReturn) return Record("payment_refunded_after_return", Status, now);
        return RefundedAmount == Amount
            ? MoveTo(PaymentStatus.Refunded, "payment_refunded", now)
            : Record("payment_partially_refunded", Status, now);
    }

    /// <summary>
    /// The renter's bank sent a completed refund's credit back: the refunded amount shrinks by it, and a refunded
    /// payment is completed again (what is left can be refunded anew, to an account that takes it).
    /// </summary>
    public PaymentEvent UndoRefund(Refund refund, DateTimeOffset now)
    {
        if (refund.PaymentId != Id || refund.Amount > RefundedAmount)
            throw new InvalidOperationException($"Payment {Id} cannot give back refund {refund.Id}.");
        RefundedAmount -= refund.Amount;
        return Status == PaymentStatus.Refunded
            ? MoveTo(PaymentStatus.Completed, "payment_refund_returned", now)
            : Record("payment_refund_returned", Status, now);
    }

    private PaymentEvent MoveTo(PaymentStatus next, string eventType, DateTimeOffset now)
    {
        if (!PaymentTransitions.IsAllowed(Status, next))
            throw new InvalidOperationException($"Payment {Id} cannot go from {Status} to {next}.");
        var previous = Status;
        Status = next;
        return Record(eventType, previous, now);
    }

    private PaymentEvent Record(string eventType, PaymentStatus previous, DateTimeOffset now)
    {
        Version++;
        var @event = PaymentEvent.Of(this, eventType, previous, LastSequence + 1, now);
        _events.Add(@event);
        LastSequence = @event.Sequence;
        return @event;
    }
}
