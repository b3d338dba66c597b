namespace DirectPay.Domain;

/// <summary>
/// A renter's standing instruction to pay their share of a lease's rent: from which account (null: their primary account
/// when the payment is made), on which rail, how many days before the due date, and up to what amount.
/// </summary>
public sealed class AutopaySetting
{
    public const int MaxDaysBeforeDue = 28;

    private AutopaySetting() { }

    public AutopaySetting(Guid leaseId, Guid renterId)
    {
        LeaseId = leaseId;
        RenterId = renterId;
    }

    public Guid LeaseId { get; private set; }
    public Guid RenterId { get; private set; }
    public bool Enabled { get; private set; }
    public Guid? BankAccountId { get; private set; }
    public PaymentRail Rail { get; private set; } = PaymentRail.StandardAch;
    public int DaysBeforeDue { get; private set; }
    /// <summary>
    /// The most one autopay payment may be: the range of amounts the renter agreed to (Regulation E asks for notice of a
    /// debit outside it), so a rent raised by the landlord is not collected without the renter's say.
    /// </summary>
    public decimal MaxAmount { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Set(bool enabled, Guid? bankAccountId, PaymentRail rail, int daysBeforeDue, decimal maxAmount)
    {
        Enabled = enabled;
        BankAccountId = bankAccountId;
        Rail = rail;
        DaysBeforeDue = daysBeforeDue;
        MaxAmount = Money.Normalize(maxAmount);
    }

    public void Disable() => Enabled = false;

    /// <summary>Why autopay may not pay <paramref name="amount"/>, or null when the renter agreed to it.</summary>
    public string? RefusesAmount(decimal amount) => amount > MaxAmount
        ? $"{amount:0.00} is owed, more than the {MaxAmount:0.00} autopay may pay; raise max_amount or pay it yourself."
        : null;

    /// <summary>Autopay pays a period from this many days before its due date.</summary>
    public DateOnly PaysFrom(DateOnly dueDate) => dueDate.AddDays(-DaysBeforeDue);

    /// <summary>The idempotency key of the payment for a period: one per renter, lease and period, whoever runs the scheduler.</summary>
    public static string IdempotencyKey(Guid leaseId, Guid renterId, DateOnly period) => $"autopay:{leaseId:N}:{renterId:N}:{period:yyyy-MM}";
}

/// <summary>
/// Autopay's one attempt at a renter's period: the payment it initiated, or why it could not (an account missing or
/// deactivated). Its key (lease, renter, period) is what makes a period paid by autopay at most once.
/// </summary>
public sealed class AutopayAttempt
{
    public const int MaxFailureReasonLength = 200;

    private AutopayAttempt() { }

    private AutopayAttempt(Guid leaseId, Guid renterId, DateOnly period, Guid? paymentId, string? failureReason, DateTimeOffset now)
    {
        LeaseId = leaseId;
        RenterId = renterId;
        Period = period;
        IdempotencyKey = AutopaySetting.IdempotencyKey(leaseId, renterId, period);
        PaymentId = paymentId;
        FailureReason = failureReason;
        CreatedAt = now;
    }

    public static AutopayAttempt Paid(RentDue due, Payment payment, DateTimeOffset now) =>
        new(due.LeaseId, due.RenterId, due.Period, payment.Id, null, now);

    public static AutopayAttempt Failed(RentDue due, string reason, DateTimeOffset now) =>
        new(due.LeaseId, due.RenterId, due.Period, null, reason, now);

    public Guid LeaseId { get; private set; }
    public Guid RenterId { get; private set; }
    public DateOnly Period { get; private set; }
    public string IdempotencyKey { get; private set; } = "";
    public Guid? PaymentId { get; private set; }
    public string? FailureReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
