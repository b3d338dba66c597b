using DirectPay.Domain;

namespace DirectPay.Tests.Domain;

public class RentDuesTests
{
    private static readonly DateTimeOffset Now = new(2027, 2, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Property Flat = new(Guid.NewGuid(), Guid.NewGuid(), "1 Main St", "Springfield", "IL", "62701", null, PropertyType.Apartment, 1500.00m);
    private static readonly DateOnly January = new(2027, 1, 1);

    private static Lease NewLease(RentPolicy? policy = null, params RentShare[] shares) =>
        new(Guid.NewGuid(), Flat, shares.Length == 0 ? [new RentShare(Guid.NewGuid(), 1500m)] : shares, new DateOnly(2027, 1, 1),
            new DateOnly(2027, 6, 30), shares.Length == 0 ? 1500m : shares.Sum(s => s.Amount), 1, policy ?? RentPolicy.Default);

    private static Payment Settled(Lease lease, Guid payerId, decimal amount)
    {
        var payer = new BankAccount(Guid.NewGuid(), payerId, "t", "4321", "021000021", BankAccountType.Checking, null);
        var payee = new BankAccount(Guid.NewGuid(), lease.LandlordId, "u", "8765", "021000021", BankAccountType.Checking, null);
        var payment = new Payment(Guid.NewGuid(), lease, payer, payee, amount, PaymentRail.Instant, January, null, null, Now);
        payment.StartProcessing(Now, Now);
        payment.Complete(Now);
        return payment;
    }

    [Fact]
    public void A_split_rent_sums_to_the_rent_to_the_cent()
    {
        Assert.Equal([333.34m, 333.33m, 333.33m], RentShares.Split(1000m, [1m, 1m, 1m]));
        Assert.Equal([600.00m, 400.00m], RentShares.FromPercents(1000m, [60m, 40m]));
        Assert.Equal([1066.67m, 533.33m], RentShares.Split(1600m, [1000m, 500m])); // an amended rent keeps the proportions
    }

    [Fact]
    public void A_lease_has_one_due_per_renter_and_period()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var lease = NewLease(null, new RentShare(a, 900m), new RentShare(b, 600m));
        Assert.Equal(12, lease.Dues.Count);
        Assert.All(lease.Dues.GroupBy(d => d.Period), period => Assert.Equal(1500m, period.Sum(d => d.Rent)));
        Assert.Equal(1500m, lease.Schedule.AmountDue);
    }

    [Fact]
    public void A_payment_pays_the_oldest_period_first_and_its_late_fee_before_its_rent()
    {
        var lease = NewLease(new RentPolicy(3, LateFeeType.Fixed, 50m, null, false));
        var dues = lease.DuesOf(lease.RenterId);
        Assert.True(dues.Dues[0].ChargeLateFee(50m, Now));

        var parts = dues.Apply(Settled(lease, lease.RenterId, 500m), Now);

        var part = Assert.Single(parts);
        Assert.Equal((50m, 450m), (part.FeeAmount, part.RentAmount));
        Assert.Equal(1050m, dues.Dues[0].Outstanding);

        parts = dues.Apply(Settled(lease, lease.RenterId, 1600m), Now); // the rest of January, then 500 of February
        Assert.Equal([(0m, 1050m), (0m, 550m)], parts.Select(p => (p.FeeAmount, p.RentAmount)));
    }

    [Fact]
    public void A_late_fee_is_charged_once()
    {
        var lease = NewLease();
        var due = lease.Dues[0];
        Assert.True(due.ChargeLateFee(75m, Now));
        Assert.False(due.ChargeLateFee(75m, Now));
        Assert.Equal(1575m, due.Outstanding);
    }

    [Theory]
    [InlineData(LateFeeType.Fixed, 50, null, 50)]
    [InlineData(LateFeeType.Percent, 5, null, 75)]
    [InlineData(LateFeeType.Percent, 5, 60.0, 60)] // capped
    [InlineData(LateFeeType.None, 0, null, 0)]
    public void A_late_fee_is_fixed_or_a_percent_of_the_rent_at_most_the_cap(LateFeeType type, double amount, double? cap, double expected)
    {
        var policy = new RentPolicy(5, type, (decimal)amount, (decimal?)cap, false);
        Assert.Equal((decimal)expected, policy.LateFeeFor(1500m));
    }

    [Fact]
    public void A_split_period_shares_one_late_fee_to_the_cent()
    {
        var policy = new RentPolicy(5, LateFeeType.Fixed, 50m, null, false);
        Assert.Equal([16.67m, 16.67m, 16.66m], policy.LateFeeShares([500m, 500m, 500m]));
        Assert.Equal([30.00m, 20.00m], new RentPolicy(0, LateFeeType.Percent, 5m, 50m, false).LateFeeShares([1200m, 800m]));
    }

    [Fact]
    public void Rent_is_late_only_after_the_grace_days()
    {
        var january = NewLease(new RentPolicy(5, LateFeeType.Fixed, 50m, null, false)).Dues[0];
        Assert.False(january.IsLateOn(new DateOnly(2027, 1, 6)));
        Assert.True(january.IsLateOn(new DateOnly(2027, 1, 7)));
    }

    [Fact]
    public void A_payment_must_be_owed_and_whole_when_the_landlord_takes_full_payments_only()
    {
        var lease = NewLease(new RentPolicy(0, LateFeeType.None, 0m, null, FullPaymentsOnly: true));
        var dues = lease.DuesOf(lease.RenterId);

        Assert.NotNull(dues.Refuses(1000m, inFlight: 0m, lease.Policy));          // partial
        Assert.Null(dues.Refuses(1500m, inFlight: 0m, lease.Policy));
        Assert.Null(dues.Refuses(3000m, inFlight: 0m, lease.Policy));             // two months ahead
        Assert.NotNull(dues.Refuses(9000.01m, inFlight: 0m, lease.Policy));       // more than the whole lease
        Assert.NotNull(dues.Refuses(100m, inFlight: 9000m, lease.Policy));        // everything is on its way already
        var partial = NewLease();
        Assert.Null(partial.DuesOf(partial.RenterId).Refuses(1000m, 0m, partial.Policy)); // partial payments are taken by default
        Assert.Equal(new DateOnly(2027, 2, 1), dues.NextToPay(inFlight: 1500m)!.Period);
    }

    [Fact]
    public void A_split_period_is_paid_only_when_every_share_is_and_a_return_reopens_only_its_share()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var lease = NewLease(null, new RentShare(a, 900m), new RentShare(b, 600m));

        var byA = lease.DuesOf(a).Apply(Settled(lease, a, 900m), Now);
        lease.Schedule.Refresh(lease);
        Assert.Equal((January, 600m), (lease.Schedule.NextDueDate, lease.Schedule.AmountDue));

        lease.DuesOf(b).Apply(Settled(lease, b, 600m), Now);
        lease.Schedule.Refresh(lease);
        Assert.Equal((new DateOnly(2027, 2, 1), 1500m), (lease.Schedule.NextDueDate, lease.Schedule.AmountDue));

        lease.DuesOf(a).Reverse(byA, Now); // A's payment came back
        lease.Schedule.Refresh(lease);
        Assert.Equal((January, 900m), (lease.Schedule.NextDueDate, lease.Schedule.AmountDue));
        Assert.Equal(0m, lease.Dues.Single(d => d.RenterId == b && d.Period == January).Outstanding);
    }

    [Fact]
    public void Payments_on_their_way_count_against_what_is_still_owed()
    {
        var lease = NewLease();
        var remaining = lease.DuesOf(lease.RenterId).Remaining(inFlight: 2000m);
        Assert.Equal((new DateOnly(2027, 2, 1), 1000m), (remaining[0].Due.Period, remaining[0].Remaining));
        Assert.Equal(5, remaining.Count);
    }
}
