namespace DirectPay.Domain;

public enum PayoutItemKind { Collection, Return, Refund, PayoutReturned, RefundReturned }

/// <summary>
/// A line of what DirectPay owes a landlord from its settlement account: a collection whose return window closed (+),
/// a return or refund of one (−), a payout or refund credit that came back (+). The open lines (in no payout yet) are the landlord's
/// balance; a payout carries all of them, so a negative line is netted from the next payout.
/// </summary>
public sealed class PayoutItem
{
    private PayoutItem() { }

    private PayoutItem(Guid landlordId, PayoutItemKind kind, decimal amount, Guid? paymentId, Guid? refundId, Guid? returnedPayoutId, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        LandlordId = landlordId;
        Kind = kind;
        Amount = amount;
        PaymentId = paymentId;
        RefundId = refundId;
        ReturnedPayoutId = returnedPayoutId;
        CreatedAt = now;
    }

    public static PayoutItem Collected(Payment payment, DateTimeOffset now) =>
        new(payment.PayeeId, PayoutItemKind.Collection, payment.Amount, payment.Id, null, null, now);

    /// <summary>
    /// A returned payment, all of it, as the bank took all of it back: refunds the landlord gave of it stay theirs (their
    /// own lines), as a merchant bears a return whatever it refunded.
    /// </summary>
    public static PayoutItem Returned(Payment payment, DateTimeOffset now) =>
        new(payment.PayeeId, PayoutItemKind.Return, -payment.Amount, payment.Id, null, null, now);

    public static PayoutItem Refunded(Payment payment, Refund refund, DateTimeOffset now) =>
        new(payment.PayeeId, PayoutItemKind.Refund, -refund.Amount, payment.Id, refund.Id, null, now);

    /// <summary>A refund credit the renter's bank sent back: what the landlord gave for it is theirs again.</summary>
    public static PayoutItem CameBack(Payment payment, Refund refund, DateTimeOffset now) =>
        new(payment.PayeeId, PayoutItemKind.RefundReturned, refund.Amount, payment.Id, refund.Id, null, now);

    public static PayoutItem CameBack(Payout payout, DateTimeOffset now) =>
        new(payout.LandlordId, PayoutItemKind.PayoutReturned, payout.Amount, null, null, payout.Id, now);

    public Guid Id { get; private set; }
    public Guid LandlordId { get; private set; }
    public PayoutItemKind Kind { get; private set; }
    /// <summary>Positive: owed to the landlord; negative: owed back by the landlord.</summary>
    public decimal Amount { get; private set; }
    public Guid? PaymentId { get; private set; }
    public Guid? RefundId { get; private set; }
    public Guid? ReturnedPayoutId { get; private set; }
    /// <summary>The payout that carries this line; none while it is open.</summary>
    public Guid? PayoutId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public void PaidIn(Payout payout) => PayoutId = payout.Id;
}

public enum PayoutState { Scheduled, Submitted, Paid, Returned, Failed }

/// <summary>
/// One ACH credit (PPD) from DirectPay's settlement account to a landlord's account, carrying every open line of that
/// landlord's balance; at most one per landlord per banking date. Paid once its own return window closes with no
/// return; a returned or failed payout puts its amount back on the balance, and a returned one stops payouts to its account.
/// </summary>
public sealed class Payout
{
    private Payout() { }

    public Payout(Guid landlordId, Guid bankAccountId, DateOnly businessDate, DateOnly expectedSettlementDate, IReadOnlyCollection<PayoutItem> items,
        DateTimeOffset now)
    {
        ExpectedSettlementDate = expectedSettlementDate;
        Id = Guid.CreateVersion7();
        LandlordId = landlordId;
        BankAccountId = bankAccountId;
        BusinessDate = businessDate;
        Amount = Money.Normalize(items.Sum(i => i.Amount));
        if (Amount <= 0) throw new InvalidOperationException("A payout carries a positive balance.");
        foreach (var item in items) item.PaidIn(this);
        State = PayoutState.Scheduled;
        CreatedAt = UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid LandlordId { get; private set; }
    /// <summary>The landlord's account credited.</summary>
    public Guid BankAccountId { get; private set; }
    /// <summary>The banking date it was made for: one payout per landlord per date.</summary>
    public DateOnly BusinessDate { get; private set; }
    public decimal Amount { get; private set; }
    public PayoutState State { get; private set; }
    public DateOnly? ExpectedSettlementDate { get; private set; }
    public string? TraceNumber { get; private set; }
    public Guid? AchFileId { get; private set; }
    public string? FailureCode { get; private set; }
    public string? FailureReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }

    public void RecordInFile(Guid fileId, string traceNumber, DateTimeOffset now) => Move(PayoutState.Scheduled, PayoutState.Submitted, now, () =>
    {
        AchFileId = fileId;
        TraceNumber = traceNumber;
    });

    public void RecordAcknowledged(DateOnly settlementDate, DateTimeOffset now) =>
        Move(PayoutState.Submitted, PayoutState.Submitted, now, () => ExpectedSettlementDate = settlementDate);

    public void Pay(DateTimeOffset now) => Move(PayoutState.Submitted, PayoutState.Paid, now, () => PaidAt = now);

    /// <summary>It could not be sent: its file was refused, or the account's number cannot be opened.</summary>
    public void Fail(BankFailure failure, DateTimeOffset now)
    {
        if (State is not (PayoutState.Scheduled or PayoutState.Submitted)) throw new InvalidOperationException($"Payout {Id} is already {State}.");
        Move(State, PayoutState.Failed, now, () => (FailureCode, FailureReason) = (failure.Code, failure.Reason));
    }

    /// <summary>The landlord's bank returned the credit (an R02 closed account, say), inside its window or, rarely, after it.</summary>
    public void Return(BankFailure failure, DateTimeOffset now)
    {
        if (State is not (PayoutState.Submitted or PayoutState.Paid)) throw new InvalidOperationException($"Payout {Id} is {State}.");
        Move(State, PayoutState.Returned, now, () => (FailureCode, FailureReason) = (failure.Code, failure.Reason));
    }

    private void Move(PayoutState from, PayoutState to, DateTimeOffset now, Action change)
    {
        if (State != from) throw new InvalidOperationException($"Payout {Id} is {State}, not {from}.");
        change();
        State = to;
        UpdatedAt = now;
    }
}
