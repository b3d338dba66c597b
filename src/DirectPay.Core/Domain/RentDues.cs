namespace DirectPay.Domain;

/// <summary>
/// What one renter owes for one period (month) of a lease: their share of the rent, any late fee, and what their settled
/// payments have paid of each. A period is paid when every renter's due for it is.
/// </summary>
public sealed class RentDue
{
    private RentDue() { }

    internal RentDue(Guid id, Guid leaseId, Guid renterId, DateOnly period, DateOnly dueDate, decimal rent, int graceDays)
    {
        Id = id;
        LeaseId = leaseId;
        RenterId = renterId;
        Period = period;
        DueDate = dueDate;
        LateAfter = dueDate.AddDays(graceDays);
        Rent = Money.Normalize(rent);
        LateFee = 0.00m;
        FeePaid = 0.00m;
        RentPaid = 0.00m;
    }

    public Guid Id { get; private set; }
    public Guid LeaseId { get; private set; }
    public Guid RenterId { get; private set; }
    /// <summary>The month, as its first day.</summary>
    public DateOnly Period { get; private set; }
    public DateOnly DueDate { get; private set; }
    /// <summary>
    /// The last day the rent is not late: the due date and grace in force when the period began. Later changes move it
    /// only in the renter's favour, so no amendment, policy or pause makes a running period late after the fact.
    /// </summary>
    public DateOnly LateAfter { get; private set; }
    public decimal Rent { get; private set; }
    public decimal LateFee { get; private set; }
    public DateTimeOffset? LateFeeChargedAt { get; private set; }
    public decimal FeePaid { get; private set; }
    public decimal RentPaid { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public decimal Paid => FeePaid + RentPaid;
    public decimal Outstanding => Rent + LateFee - Paid;
    public bool IsPaid => Outstanding <= 0;

    public bool HasBegun(DateOnly today) => today >= Period;

    public bool IsLateOn(DateOnly today) => today > LateAfter;

    /// <summary>New terms for a period nothing has been paid for yet.</summary>
    internal void Reprice(DateOnly dueDate, decimal rent, int graceDays, DateOnly today)
    {
        if (Paid > 0) throw new InvalidOperationException($"Rent due {Id} is partly paid; its terms cannot change.");
        DueDate = dueDate;
        Rent = Money.Normalize(rent);
        Regrace(graceDays, today);
    }

    /// <summary>A new grace period counts in full for a period not yet begun, and for a running one only if longer.</summary>
    internal void Regrace(int graceDays, DateOnly today)
    {
        var lateAfter = DueDate.AddDays(graceDays);
        LateAfter = HasBegun(today) && lateAfter < LateAfter ? LateAfter : lateAfter;
    }

    /// <summary>Fell due while collection was paused: due again when it resumes, with the same grace.</summary>
    internal void DueAgainOn(DateOnly resumedOn) => LateAfter = resumedOn.AddDays(Math.Max(0, LateAfter.DayNumber - DueDate.DayNumber));

    /// <summary>
    /// Assesses the late fee, once, and says whether there was one to charge: a share that rounds to nothing is assessed
    /// too, so the due is not looked at again.
    /// </summary>
    public bool ChargeLateFee(decimal fee, DateTimeOffset now)
    {
        if (LateFeeChargedAt is not null) return false;
        LateFeeChargedAt = now;
        if (fee <= 0) return false;
        LateFee = Money.Normalize(fee);
        return true;
    }

    /// <summary>Takes what it can of <paramref name="available"/>: the late fee first, then the rent.</summary>
    internal (decimal Fee, decimal Rent) Take(decimal available)
    {
        var fee = Math.Min(available, LateFee - FeePaid);
        var rent = Math.Min(available - fee, Rent - RentPaid);
        FeePaid += fee;
        RentPaid += rent;
        return (fee, rent);
    }

    internal void GiveBack(PaymentAllocation allocation)
    {
        FeePaid -= allocation.FeeAmount;
        RentPaid -= allocation.RentAmount;
    }
}

/// <summary>The part of a settled payment that paid one due: how much of its fee and of its rent. Kept when reversed.</summary>
public sealed class PaymentAllocation
{
    private PaymentAllocation() { }

    internal PaymentAllocation(Guid paymentId, Guid rentDueId, decimal feeAmount, decimal rentAmount, DateTimeOffset now)
    {
        PaymentId = paymentId;
        RentDueId = rentDueId;
        FeeAmount = Money.Normalize(feeAmount);
        RentAmount = Money.Normalize(rentAmount);
        CreatedAt = now;
    }

    public Guid PaymentId { get; private set; }
    public Guid RentDueId { get; private set; }
    public decimal FeeAmount { get; private set; }
    public decimal RentAmount { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>When the payment came back (an ACH return) and this part was owed again.</summary>
    public DateTimeOffset? ReversedAt { get; private set; }

    internal void Reverse(DateTimeOffset now) => ReversedAt = now;
}

/// <summary>
/// One renter's dues on a lease, oldest first: what a payment pays (oldest period first, its fee before its rent), what a
/// return re-opens, and what is still owed once the payments on their way have settled.
/// </summary>
public sealed class RenterDues(IEnumerable<RentDue> dues)
{
    private readonly List<RentDue> _dues = dues.OrderBy(d => d.Period).ToList();

    public IReadOnlyList<RentDue> Dues => _dues;

    /// <summary>
    /// What each due still needs once <paramref name="inFlight"/> (payments initiated, not yet settled) is applied, oldest
    /// first as it will be: only the dues with something left, with what is left.
    /// </summary>
    public IReadOnlyList<(RentDue Due, decimal Remaining)> Remaining(decimal inFlight)
    {
        var left = new List<(RentDue, decimal)>();
        foreach (var due in _dues)
        {
            var covered = Math.Min(inFlight, Math.Max(due.Outstanding, 0));
            inFlight -= covered;
            if (due.Outstanding - covered > 0) left.Add((due, due.Outstanding - covered));
        }
        return left;
    }

    /// <summary>Why a payment of <paramref name="amount"/> is refused now, or null when it is taken.</summary>
    public string? Refuses(decimal amount, decimal inFlight, RentPolicy policy)
    {
        var remaining = Remaining(inFlight);
        var owed = remaining.Sum(r => r.Remaining);
        if (owed == 0) return "Nothing is owed on this lease beyond the payments already on their way.";
        if (amount > owed) return $"That is more than is owed on this lease ({owed:0.00}, after the payments on their way).";
        var period = remaining[0];
        if (policy.FullPaymentsOnly && amount < period.Remaining)
            return $"The landlord takes full payments only: pay at least {period.Remaining:0.00} for {period.Due.Period:yyyy-MM}.";
        return null;
    }

    /// <summary>The period a payment made now pays first (the oldest with something left after the payments on their way).</summary>
    public RentDue? NextToPay(decimal inFlight) => Remaining(inFlight) is [var first, ..] ? first.Due : null;

    /// <summary>A settled payment pays the oldest dues first, each one's late fee before its rent.</summary>
    public IReadOnlyList<PaymentAllocation> Apply(Payment payment, DateTimeOffset now)
    {
        var available = payment.Amount;
        var parts = new List<PaymentAllocation>();
        foreach (var due in _dues.Where(d => d.Outstanding > 0))
        {
            if (available == 0) break;
            var (fee, rent) = due.Take(available);
            available -= fee + rent;
            parts.Add(new PaymentAllocation(payment.Id, due.Id, fee, rent, now));
        }
        return parts;
    }

    /// <summary>A payment came back: what it paid is owed again, on the same dues (only this renter's share re-opens).</summary>
    public void Reverse(IEnumerable<PaymentAllocation> allocations, DateTimeOffset now)
    {
        foreach (var allocation in allocations.Where(a => a.ReversedAt is null))
        {
            _dues.Single(d => d.Id == allocation.RentDueId).GiveBack(allocation);
            allocation.Reverse(now);
        }
    }
}
