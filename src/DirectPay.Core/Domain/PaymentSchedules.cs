namespace DirectPay.Domain;

public enum ScheduleStatus { Active, Paused, Completed }

/// <summary>The lease's monthly schedule: which period is due next, when, and how much.</summary>
public sealed class PaymentSchedule
{
    private PaymentSchedule() { }

    internal PaymentSchedule(Guid id, Lease lease)
    {
        Id = id;
        LeaseId = lease.Id;
        NextDueDate = DueDates.FirstOnOrAfter(lease.StartDate, lease.DueDay);
        AmountDue = lease.RentAmount;
        Status = ScheduleStatus.Active;
    }

    public Guid Id { get; private set; }
    public Guid LeaseId { get; private set; }
    public DateOnly NextDueDate { get; private set; }
    public decimal AmountDue { get; private set; }
    public ScheduleStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>
    /// The period due on <paramref name="paidPeriodDueDate"/> is paid: move to the next month, with the terms in force then.
    /// Returns false when that period is no longer the one due (a second payment for it, or a redelivered message).
    /// </summary>
    public bool Advance(Lease lease, DateOnly paidPeriodDueDate)
    {
        // By month: an amendment may have moved the due day since the payment was made.
        if (Status != ScheduleStatus.Active || DueDates.PeriodOf(NextDueDate) != DueDates.PeriodOf(paidPeriodDueDate)) return false;
        var nextPeriod = DueDates.PeriodOf(NextDueDate).AddMonths(1);
        var terms = lease.TermsFor(nextPeriod);
        NextDueDate = DueDates.FirstOnOrAfter(nextPeriod, terms.DueDay);
        AmountDue = terms.RentAmount;
        if (NextDueDate > lease.EndDate) Status = ScheduleStatus.Completed;
        return true;
    }

    /// <summary>A payment for an earlier period came back: that period is due again (and the schedule active again).</summary>
    public bool Reopen(Lease lease, DateOnly returnedPeriodDueDate)
    {
        var period = DueDates.PeriodOf(returnedPeriodDueDate);
        if (DueDates.PeriodOf(NextDueDate) <= period) return false;
        var terms = lease.TermsFor(period);
        NextDueDate = DueDates.FirstOnOrAfter(lease.StartDate > period ? lease.StartDate : period, terms.DueDay);
        AmountDue = terms.RentAmount;
        Status = ScheduleStatus.Active;
        return true;
    }

    /// <summary>New terms for the period due next: same month, new due day (never before the lease starts).</summary>
    internal void Reschedule(Lease lease, LeaseTerms terms)
    {
        var period = DueDates.PeriodOf(NextDueDate);
        var from = lease.StartDate > period ? lease.StartDate : period;
        NextDueDate = DueDates.FirstOnOrAfter(from, terms.DueDay);
        AmountDue = terms.RentAmount;
        if (NextDueDate > lease.EndDate) Status = ScheduleStatus.Completed;
    }
}
