using DirectPay.Domain;

namespace DirectPay.Tests.Domain;

/// <summary>A period is late only against the due date and grace in force when it began, and never for paused days.</summary>
public class LateFeeTests
{
    private static readonly Property Flat = new(Guid.NewGuid(), Guid.NewGuid(), "1 Main St", "Springfield", "IL", "62701", null, PropertyType.Apartment, 1500.00m);
    private static readonly DateTimeOffset Now = new(2027, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static Lease NewLease(int dueDay, int graceDays) =>
        new(Guid.NewGuid(), Flat, [new RentShare(Guid.NewGuid(), 1500m)], new DateOnly(2027, 1, 1), new DateOnly(2027, 6, 30), 1500m,
            dueDay, new RentPolicy(graceDays, LateFeeType.Fixed, 50m, null, false));

    private static RentDue Due(Lease lease, int month) => lease.Dues.Single(d => d.Period == new DateOnly(2027, month, 1));

    [Fact]
    public void An_amendment_moving_a_running_periods_due_date_earlier_does_not_make_it_late()
    {
        var lease = NewLease(dueDay: 15, graceDays: 0);
        lease.Amend(null, 1, new DateOnly(2027, 1, 1), "earlier", lease.LandlordId, today: new DateOnly(2027, 1, 10));

        Assert.Equal(new DateOnly(2027, 1, 1), Due(lease, 1).DueDate);
        Assert.False(Due(lease, 1).IsLateOn(new DateOnly(2027, 1, 15)));
        Assert.True(Due(lease, 1).IsLateOn(new DateOnly(2027, 1, 16)));
        Assert.True(Due(lease, 2).IsLateOn(new DateOnly(2027, 2, 2))); // a period not yet begun takes the new terms
    }

    [Fact]
    public void A_shorter_grace_applies_only_to_periods_not_yet_begun_and_a_longer_one_to_all()
    {
        var lease = NewLease(dueDay: 1, graceDays: 5);
        lease.ChangePolicy(lease.Policy with { GraceDays = 0 }, today: new DateOnly(2027, 1, 3), Now);

        Assert.False(Due(lease, 1).IsLateOn(new DateOnly(2027, 1, 6)));
        Assert.True(Due(lease, 1).IsLateOn(new DateOnly(2027, 1, 7)));
        Assert.True(Due(lease, 2).IsLateOn(new DateOnly(2027, 2, 2)));

        lease.ChangePolicy(lease.Policy with { GraceDays = 10 }, today: new DateOnly(2027, 1, 4), Now);
        Assert.False(Due(lease, 1).IsLateOn(new DateOnly(2027, 1, 11)));
    }

    [Fact]
    public void Periods_that_fell_due_while_paused_are_due_again_when_collection_resumes()
    {
        var lease = NewLease(dueDay: 1, graceDays: 3);
        lease.SetScheduleStatus(ScheduleStatus.Paused, new DateOnly(2027, 1, 20)); // January was late already
        lease.SetScheduleStatus(ScheduleStatus.Active, new DateOnly(2027, 3, 10));

        Assert.Null(lease.Schedule.PausedOn);
        Assert.True(Due(lease, 1).IsLateOn(new DateOnly(2027, 3, 10)));
        foreach (var month in new[] { 2, 3 })
        {
            Assert.False(Due(lease, month).IsLateOn(new DateOnly(2027, 3, 13)));
            Assert.True(Due(lease, month).IsLateOn(new DateOnly(2027, 3, 14)));
        }
        Assert.False(Due(lease, 4).IsLateOn(new DateOnly(2027, 4, 4)));
    }

    [Fact]
    public void Turning_late_fees_on_does_not_charge_periods_already_late()
    {
        var lease = new Lease(Guid.NewGuid(), Flat, [new RentShare(Guid.NewGuid(), 1500m)], new DateOnly(2027, 1, 1), new DateOnly(2027, 6, 30),
            1500m, 1, RentPolicy.Default);
        lease.ChangePolicy(new RentPolicy(0, LateFeeType.Fixed, 75m, null, false), today: new DateOnly(2027, 3, 10), Now);

        Assert.All(lease.Dues.Where(d => d.Period <= new DateOnly(2027, 3, 1)), d => Assert.Equal((0.00m, true), (d.LateFee, d.LateFeeChargedAt is not null)));
        Assert.Null(Due(lease, 4).LateFeeChargedAt); // April is charged if it is paid late
    }

    [Fact]
    public void A_fee_share_that_rounds_to_nothing_is_assessed_so_it_is_not_looked_at_again()
    {
        var due = Due(NewLease(dueDay: 1, graceDays: 0), 1);
        Assert.False(due.ChargeLateFee(0.00m, Now));
        Assert.Equal(Now, due.LateFeeChargedAt);
        Assert.Equal(0.00m, due.LateFee);
        Assert.False(due.ChargeLateFee(50m, Now)); // once
    }
}
