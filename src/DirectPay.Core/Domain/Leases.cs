namespace DirectPay.Domain;

/// <summary>The rent and due day in force for a period.</summary>
public readonly record struct LeaseTerms(decimal RentAmount, int DueDay);

/// <summary>One renter's part of the rent, as the landlord signs it.</summary>
public readonly record struct RentShare(Guid RenterId, decimal Amount);

public sealed class Lease
{
    private readonly List<LeaseAmendment> _amendments = [];
    private readonly List<LeaseRenter> _renters = [];
    private readonly List<RentDue> _dues = [];

    private Lease() { }

    /// <summary>
    /// A new lease with a due for every renter and every period of its term, and its schedule; the request has already
    /// checked the dates and that the shares sum to the rent. The first share's renter is the lease's lead renter.
    /// </summary>
    public Lease(Guid id, Property property, IReadOnlyList<RentShare> shares, DateOnly startDate, DateOnly endDate, decimal rentAmount,
        int dueDay, RentPolicy policy)
    {
        Id = id;
        PropertyId = property.Id;
        LandlordId = property.LandlordId;
        RenterId = shares[0].RenterId;
        StartDate = startDate;
        EndDate = endDate;
        RentAmount = Money.Normalize(rentAmount);
        DueDay = dueDay;
        Policy = policy;
        _renters.AddRange(shares.Select(s => new LeaseRenter(id, s.RenterId, s.Amount)));
        for (var period = DueDates.PeriodOf(DueDates.FirstOnOrAfter(startDate, dueDay)); DueDateIn(period, dueDay) is { } due; period = period.AddMonths(1))
        {
            foreach (var (renter, share) in _renters.Zip(RentShares.Split(RentAmount, _renters.Select(r => r.ShareAmount).ToList())))
                _dues.Add(new RentDue(Guid.CreateVersion7(), id, renter.RenterId, period, due, share, policy.GraceDays));
        }
        Schedule = new PaymentSchedule(Guid.CreateVersion7(), this);
    }

    public Guid Id { get; private set; }
    public Guid PropertyId { get; private set; }
    public Guid LandlordId { get; private set; }
    public Guid RenterId { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly EndDate { get; private set; }
    /// <summary>The rent as signed; later changes are amendments, never overwrites.</summary>
    public decimal RentAmount { get; private set; }
    public int DueDay { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public RentPolicy Policy { get; private set; } = RentPolicy.Default;

    public PaymentSchedule Schedule { get; private set; } = null!;
    public IReadOnlyList<LeaseAmendment> Amendments => _amendments;
    public IReadOnlyList<LeaseRenter> Renters => _renters;
    /// <summary>Every renter's due for every period; loaded where rent is charged, paid or amended.</summary>
    public IReadOnlyList<RentDue> Dues => _dues;

    /// <summary>The landlord or one of the renters (the renters must be loaded).</summary>
    public bool IsPartyTo(Guid userId) => userId == LandlordId || _renters.Any(r => r.RenterId == userId);

    public RenterDues DuesOf(Guid renterId) => new(_dues.Where(d => d.RenterId == renterId));

    /// <summary>
    /// Why a renter's payment may not start now (or a failed one start again), or null when it may: the one rule create,
    /// retry and autopay share. The caller holds the lease lock; <paramref name="inFlight"/> is what the renter's
    /// payments on their way will pay.
    /// </summary>
    public PaymentRefusal? RefusesPayment(Guid renterId, PaymentAccount? payer, PaymentAccount? payee, decimal amount,
        PaymentRail rail, decimal inFlight)
    {
        if (!_renters.Any(r => r.RenterId == renterId)) return new("lease_id", "Only a renter on the lease pays its rent.");
        if (!Schedule.IsCollecting) return new("lease_id", "The lease's schedule is not active.");
        if (payer?.IsUsableBy(renterId) != true) return new("payer_account_id", "Pay from one of your active bank accounts.");
        if (payee?.IsUsableBy(LandlordId) != true) return new("payee_account_id", "Pay to an active bank account of the lease's landlord.");
        if ((payer!.RefusesWithoutNumber("payer_account_id") ?? payee!.RefusesWithoutNumber("payee_account_id")) is { } noNumber) return noNumber;
        if (Rails.Refuses(rail, amount) is { } tooMuch) return new("amount", tooMuch);
        return DuesOf(renterId).Refuses(amount, inFlight, Policy) is { } notOwed ? new("amount", notOwed) : null;
    }

    /// <summary>
    /// A new policy; its grace applies to running periods only where it is longer (never retroactively late), and a
    /// period already late under a policy without fees is assessed as it was (no fee), not charged the new one.
    /// </summary>
    public void ChangePolicy(RentPolicy policy, DateOnly today, DateTimeOffset now)
    {
        if (!Policy.ChargesLateFees)
        {
            foreach (var due in _dues.Where(d => d.LateFeeChargedAt is null && !d.IsPaid && d.IsLateOn(today))) due.ChargeLateFee(0.00m, now);
        }
        Policy = policy;
        foreach (var due in _dues.Where(d => d.LateFeeChargedAt is null)) due.Regrace(policy.GraceDays, today);
    }

    /// <summary>
    /// Pauses or resumes collection. Rent is never late for days the schedule was paused: a period whose grace ran out
    /// while paused is due again on the day it resumes, with its grace.
    /// </summary>
    public void SetScheduleStatus(ScheduleStatus status, DateOnly today)
    {
        var pausedOn = Schedule.PausedOn;
        Schedule.ChangeTo(status, today);
        if (status == ScheduleStatus.Active && pausedOn is { } from)
        {
            foreach (var due in _dues.Where(d => d.LateFeeChargedAt is null && !d.IsPaid && d.LateAfter >= from && d.LateAfter < today))
                due.DueAgainOn(today);
        }
        Schedule.Refresh(this); // a paid-up lease resumed is completed
    }

    /// <summary>
    /// A period's due date: the due day of its month, but never before the lease starts; null when it falls after the
    /// lease ends (the term has no more periods).
    /// </summary>
    private DateOnly? DueDateIn(DateOnly period, int dueDay)
    {
        var due = new DateOnly(period.Year, period.Month, dueDay);
        if (due < StartDate) due = StartDate;
        return due <= EndDate ? due : null;
    }

    /// <summary>Whether a lease with these dates has at least one due date inside its term.</summary>
    public static bool HasDueDate(DateOnly startDate, DateOnly endDate, int dueDay) =>
        DueDates.FirstOnOrAfter(startDate, dueDay) <= endDate;

    /// <summary>The terms in force for a period: the latest amendment effective by then, else the lease as signed.</summary>
    public LeaseTerms TermsFor(DateOnly period)
    {
        var amendment = _amendments
            .Where(a => a.EffectiveFrom <= period)
            .OrderBy(a => a.EffectiveFrom).ThenBy(a => a.Sequence)
            .LastOrDefault();
        return amendment is null ? new(RentAmount, DueDay) : new(amendment.RentAmount, amendment.DueDay);
    }

    /// <summary>Why an amendment from <paramref name="effectiveFrom"/> cannot be made, or null when it can.</summary>
    public string? CannotAmendFrom(DateOnly effectiveFrom)
    {
        if (Schedule.Status == ScheduleStatus.Completed) return "The lease's schedule is completed.";
        if (DueDates.PeriodOf(effectiveFrom) < DueDates.PeriodOf(Schedule.NextDueDate))
            return $"Periods before {DueDates.PeriodOf(Schedule.NextDueDate):yyyy-MM} are already due; amend from then on.";
        if (effectiveFrom > EndDate) return "The lease ends before the amendment would take effect.";
        var paid = _dues.Where(d => d.Period >= DueDates.PeriodOf(effectiveFrom) && d.Paid > 0).MinBy(d => d.Period);
        if (paid is not null) return $"Rent for {paid.Period:yyyy-MM} is already paid in part; amend from a later month.";
        return null;
    }

    /// <summary>
    /// New terms from a period on. A running period takes the new rent, but a due date moved earlier does not make it
    /// late sooner (see <see cref="RentDue.LateAfter"/>).
    /// </summary>
    public LeaseAmendment Amend(decimal? rentAmount, int? dueDay, DateOnly effectiveFrom, string? reason, Guid amendedBy, DateOnly today)
    {
        var period = DueDates.PeriodOf(effectiveFrom);
        var before = TermsFor(period);
        var after = new LeaseTerms(Money.Normalize(rentAmount ?? before.RentAmount), dueDay ?? before.DueDay);
        var amendment = new LeaseAmendment(Guid.CreateVersion7(), Id, _amendments.Count + 1, period, before, after, reason, amendedBy);
        _amendments.Add(amendment);
        foreach (var periodDues in _dues.Where(d => d.Period >= period).GroupBy(d => d.Period))
        {
            // Each period on the terms in force for it: a later amendment still governs its own months.
            var terms = TermsFor(periodDues.Key);
            // A period keeps its place in the term: a due day moved past the lease's end makes it due on the last day.
            var due = DueDateIn(periodDues.Key, terms.DueDay) ?? EndDate;
            var shares = RentShares.Split(terms.RentAmount, _renters.Select(r => r.ShareAmount).ToList());
            foreach (var (renter, share) in _renters.Zip(shares))
                periodDues.Single(d => d.RenterId == renter.RenterId).Reprice(due, share, Policy.GraceDays, today);
        }
        Schedule.Refresh(this);
        return amendment;
    }
}

/// <summary>A change of rent or due day from a period on, kept as history next to the lease as signed.</summary>
public sealed class LeaseAmendment
{
    private LeaseAmendment() { }

    internal LeaseAmendment(Guid id, Guid leaseId, int sequence, DateOnly effectiveFrom, LeaseTerms before, LeaseTerms after,
        string? reason, Guid amendedBy)
    {
        Id = id;
        LeaseId = leaseId;
        Sequence = sequence;
        EffectiveFrom = effectiveFrom;
        PreviousRentAmount = before.RentAmount;
        PreviousDueDay = before.DueDay;
        RentAmount = after.RentAmount;
        DueDay = after.DueDay;
        Reason = reason;
        AmendedBy = amendedBy;
    }

    public Guid Id { get; private set; }
    public Guid LeaseId { get; private set; }
    public int Sequence { get; private set; }
    /// <summary>The first period (first day of its month) the new terms apply to.</summary>
    public DateOnly EffectiveFrom { get; private set; }
    public decimal PreviousRentAmount { get; private set; }
    public int PreviousDueDay { get; private set; }
    public decimal RentAmount { get; private set; }
    public int DueDay { get; private set; }
    public string? Reason { get; private set; }
    public Guid AmendedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
