using DirectPay.Domain;

namespace DirectPay.Tests.Domain;

public class LeaseAmendmentTests
{
    private static readonly DateOnly BeforeTheLease = new(2025, 12, 1);

    private static readonly Property Flat = new(Guid.NewGuid(), Guid.NewGuid(), "1 Main St", "Springfield", "IL", "62701", "2B", PropertyType.Apartment, 1500.00m);

    private static Lease NewLease() =>
        new(Guid.NewGuid(), Flat, [new RentShare(Guid.NewGuid(), 1500m)], new DateOnly(2026, 1, 10), new DateOnly(2026, 12, 31), 1500m, 15,
            RentPolicy.Default);

    [Fact]
    public void A_new_lease_schedules_its_first_period()
    {
        var lease = NewLease();
        Assert.Equal(new DateOnly(2026, 1, 15), lease.Schedule.NextDueDate);
        Assert.Equal(1500m, lease.Schedule.AmountDue);
        Assert.Equal(ScheduleStatus.Active, lease.Schedule.Status);
    }

    [Fact]
    public void An_amendment_for_the_period_due_next_reschedules_it_and_keeps_the_lease_as_signed()
    {
        var lease = NewLease();
        var amendment = lease.Amend(1600m, 20, new DateOnly(2026, 1, 12), "new terms", Guid.NewGuid(), BeforeTheLease);

        Assert.Equal((1500m, 15, 1600m, 20), (amendment.PreviousRentAmount, amendment.PreviousDueDay, amendment.RentAmount, amendment.DueDay));
        Assert.Equal(new DateOnly(2026, 1, 1), amendment.EffectiveFrom);
        Assert.Equal(new DateOnly(2026, 1, 20), lease.Schedule.NextDueDate);
        Assert.Equal(1600m, lease.Schedule.AmountDue);
        Assert.Equal((1500m, 15), (lease.RentAmount, lease.DueDay));
    }

    [Fact]
    public void A_later_amendment_leaves_the_next_period_alone_and_applies_from_its_month()
    {
        var lease = NewLease();
        lease.Amend(1700m, null, new DateOnly(2026, 4, 1), null, Guid.NewGuid(), BeforeTheLease);

        Assert.Equal(new DateOnly(2026, 1, 15), lease.Schedule.NextDueDate);
        Assert.Equal(1500m, lease.Schedule.AmountDue);
        Assert.Equal(new LeaseTerms(1500m, 15), lease.TermsFor(new DateOnly(2026, 3, 1)));
        Assert.Equal(new LeaseTerms(1700m, 15), lease.TermsFor(new DateOnly(2026, 4, 1)));
    }

    [Fact]
    public void An_earlier_due_day_never_falls_before_the_lease_starts()
    {
        var lease = NewLease(); // starts Jan 10
        lease.Amend(null, 5, new DateOnly(2026, 1, 1), null, Guid.NewGuid(), BeforeTheLease);
        Assert.Equal(new DateOnly(2026, 1, 10), lease.Schedule.NextDueDate); // January's rent is due the day the lease starts
        Assert.Equal(new DateOnly(2026, 2, 5), lease.Dues.Single(d => d.Period == new DateOnly(2026, 2, 1)).DueDate);
        Assert.Equal(12, lease.Dues.Count); // still one due per month of the term
    }

    [Fact]
    public void An_earlier_amendment_made_later_leaves_the_months_of_a_later_one_alone()
    {
        var lease = NewLease();
        lease.Amend(1700m, null, new DateOnly(2026, 4, 1), null, Guid.NewGuid(), BeforeTheLease);
        lease.Amend(null, 20, new DateOnly(2026, 3, 1), null, Guid.NewGuid(), BeforeTheLease); // only the due day, from March

        var dues = lease.Dues.OrderBy(d => d.Period).ToList();
        Assert.Equal((1500m, new DateOnly(2026, 3, 20)), (dues[2].Rent, dues[2].DueDate));
        Assert.Equal((1700m, new DateOnly(2026, 4, 15)), (dues[3].Rent, dues[3].DueDate)); // April's amendment still governs April
        Assert.Equal(new LeaseTerms(1700m, 15), lease.TermsFor(new DateOnly(2026, 4, 1)));
    }

    [Fact]
    public void An_amendment_reprices_every_period_from_its_month_and_none_before()
    {
        var lease = NewLease();
        lease.Amend(1700m, 1, new DateOnly(2026, 4, 1), null, Guid.NewGuid(), BeforeTheLease);
        Assert.Equal([1500m, 1500m, 1500m, 1700m], lease.Dues.OrderBy(d => d.Period).Take(4).Select(d => d.Rent));
        Assert.Equal(new DateOnly(2026, 4, 1), lease.Dues.Single(d => d.Period == new DateOnly(2026, 4, 1)).DueDate);
        Assert.Equal(new DateOnly(2026, 3, 15), lease.Dues.Single(d => d.Period == new DateOnly(2026, 3, 1)).DueDate);
    }

    [Fact]
    public void Periods_before_the_one_due_next_and_dates_after_the_end_cannot_be_amended()
    {
        var lease = NewLease();
        Assert.NotNull(lease.CannotAmendFrom(new DateOnly(2025, 12, 1)));
        Assert.NotNull(lease.CannotAmendFrom(new DateOnly(2027, 1, 1)));
        Assert.Null(lease.CannotAmendFrom(new DateOnly(2026, 1, 31)));
    }
}
