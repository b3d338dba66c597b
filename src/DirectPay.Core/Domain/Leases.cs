namespace DirectPay.Domain;

/// <summary>The rent and due day in force for a period.</summary>
public readonly record struct LeaseTerms(decimal RentAmount, int DueDay);

public sealed class Lease
{
    private readonly List<LeaseAmendment> _amendments = [];

    private Lease() { }

    /// <summary>A new lease with its payment schedule; the request has already checked the dates and amounts.</summary>
    public Lease(Guid id, Property property, Guid renterId, DateOnly startDate, DateOnly endDate, decimal rentAmount, int dueDay)
    {
        Id = id;
        PropertyId = property.Id;
        LandlordId = property.LandlordId;
        RenterId = renterId;
        StartDate = startDate;
        EndDate = endDate;
        RentAmount = Money.Normalize(rentAmount);
        DueDay = dueDay;
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

    public PaymentSchedule Schedule { get; private set; } = null!;
    public IReadOnlyList<LeaseAmendment> Amendments => _amendments;

    public bool IsPartyTo(Guid userId) => userId == LandlordId || userId == RenterId;

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
        return null;
    }

    public LeaseAmendment Amend(decimal? rentAmount, int? dueDay, DateOnly effectiveFrom, string? reason, Guid amendedBy)
    {
        var period = DueDates.PeriodOf(effectiveFrom);
        var before = TermsFor(period);
        var after = new LeaseTerms(Money.Normalize(rentAmount ?? before.RentAmount), dueDay ?? before.DueDay);
        var amendment = new LeaseAmendment(Guid.CreateVersion7(), Id, _amendments.Count + 1, period, before, after, reason, amendedBy);
        _amendments.Add(amendment);
        if (period == DueDates.PeriodOf(Schedule.NextDueDate))
            Schedule.Reschedule(this, after);
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
