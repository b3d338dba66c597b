using DirectPay.Domain;

namespace DirectPay.Tests.Domain;

public class PaymentTests
{
    private static readonly DateOnly BeforeTheLease = new(2025, 12, 1);

    private static readonly DateTimeOffset Now = new(2027, 1, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly Property Flat = new(Guid.NewGuid(), Guid.NewGuid(), "1 Main St", "Springfield", "IL", "62701", null, PropertyType.Apartment, 1500.00m);

    private static (Lease Lease, Payment Payment) NewPayment(decimal amount = 1500.5m)
    {
        var lease = new Lease(Guid.NewGuid(), Flat, [new RentShare(Guid.NewGuid(), 1500m)], new DateOnly(2027, 1, 1), new DateOnly(2027, 3, 10),
            1500m, 15, RentPolicy.Default);
        var payer = new BankAccount(Guid.NewGuid(), lease.RenterId, "btok_payer", "4321", "021000021", BankAccountType.Checking, null);
        var payee = new BankAccount(Guid.NewGuid(), lease.LandlordId, "btok_payee", "8765", "021000021", BankAccountType.Checking, null);
        return (lease, new Payment(Guid.NewGuid(), lease, payer, payee, amount, PaymentRail.Instant, new DateOnly(2027, 1, 15), null, null, Now));
    }

    [Fact]
    public void A_new_payment_is_pending_with_its_initiated_event_for_the_period_due()
    {
        var (_, payment) = NewPayment();
        var initiated = Assert.Single(payment.Events);
        Assert.Equal((PaymentStatus.Pending, 1, "payment_initiated", (PaymentStatus?)null), (payment.Status, initiated.Sequence, initiated.EventType, initiated.PreviousStatus));
        Assert.Equal(new DateOnly(2027, 1, 15), payment.PeriodDueDate);
        Assert.Equal("1500.50", payment.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Each_transition_appends_the_next_event_and_bumps_the_version()
    {
        var (_, payment) = NewPayment();
        payment.StartProcessing(Now.AddSeconds(2), Now);
        payment.Fail(BankFailure.InsufficientFunds, Now.AddSeconds(2));
        payment.Retry(Now.AddSeconds(5));

        Assert.Equal([1, 2, 3, 4], payment.Events.Select(e => e.Sequence));
        Assert.Equal(["payment_initiated", "payment_processing", "payment_failed", "payment_retried"], payment.Events.Select(e => e.EventType));
        Assert.Equal((PaymentStatus.Pending, 3, 4, 1), (payment.Status, payment.Version, payment.LastSequence, payment.RetryCount));
        Assert.Equal("R01", payment.Events[2].Metadata.RootElement.GetProperty("failure_code").GetString());
    }

    [Fact]
    public void Transitions_outside_the_state_machine_are_refused()
    {
        var (_, payment) = NewPayment();
        Assert.Throws<InvalidOperationException>(() => payment.Complete(Now)); // pending → completed skips processing
        payment.StartProcessing(Now, Now);
        Assert.Throws<InvalidOperationException>(() => payment.StartProcessing(Now, Now));
        payment.Complete(Now);
        Assert.Throws<InvalidOperationException>(() => payment.Fail(BankFailure.AccountClosed, Now));
        Assert.Throws<InvalidOperationException>(() => payment.Retry(Now));
        Assert.Equal(3, payment.Events.Count);
    }

    [Fact]
    public void Only_R01_and_R09_are_retried_twice_at_most_within_180_days()
    {
        var (_, closed) = NewPayment();
        closed.StartProcessing(Now, Now);
        closed.Fail(BankFailure.AccountClosed, Now);
        Assert.Contains("final", closed.CannotRetry(Now));

        var (_, uncollected) = NewPayment();
        uncollected.StartProcessing(Now, Now);
        uncollected.Fail(BankFailure.FromCode("R09")!, Now);
        Assert.Null(uncollected.CannotRetry(Now.AddDays(180)));
        Assert.Contains("180 days", uncollected.CannotRetry(Now.AddDays(181)));

        var (_, poor) = NewPayment();
        for (var attempt = 0; attempt < Payment.MaxRetries; attempt++)
        {
            poor.StartProcessing(Now, Now);
            poor.Fail(BankFailure.InsufficientFunds, Now);
            poor.Retry(Now);
        }
        poor.StartProcessing(Now, Now);
        poor.Fail(BankFailure.InsufficientFunds, Now);
        Assert.Equal(2, Payment.MaxRetries); // three presentments in all
        Assert.Contains("retried 2 times", poor.CannotRetry(Now));
        Assert.Throws<InvalidOperationException>(() => poor.Retry(Now));
    }

    [Fact]
    public void Settling_pays_the_oldest_period_and_the_schedule_moves_to_the_next_month_with_its_terms()
    {
        var (lease, _) = NewPayment();
        lease.Amend(1600m, 20, new DateOnly(2027, 2, 1), null, Guid.NewGuid(), BeforeTheLease);

        Settle(lease, 1500m);
        Assert.Equal((new DateOnly(2027, 2, 20), 1600m), (lease.Schedule.NextDueDate, lease.Schedule.AmountDue));
        Settle(lease, 1600m);
        Assert.Equal(ScheduleStatus.Completed, lease.Schedule.Status); // March 20 is after the lease ends on March 10
        Assert.Equal(2, lease.Dues.Count);
    }

    [Fact]
    public void The_schedule_moves_from_december_to_january()
    {
        var lease = new Lease(Guid.NewGuid(), Flat, [new RentShare(Guid.NewGuid(), 900m)], new DateOnly(2027, 12, 1), new DateOnly(2028, 11, 30),
            900m, 5, RentPolicy.Default);
        Settle(lease, 900m);
        Assert.Equal(new DateOnly(2028, 1, 5), lease.Schedule.NextDueDate);
    }

    [Fact]
    public void Only_settled_ach_payments_without_refunds_come_back_and_what_they_paid_is_owed_again()
    {
        var (lease, payment) = NewPayment();
        payment.StartProcessing(Now, Now);
        payment.Complete(Now);
        Assert.False(payment.CanBeReturned); // instant is final

        var ach = new Payment(Guid.NewGuid(), lease, new BankAccount(Guid.NewGuid(), lease.RenterId, "t", "0021", "021000021", BankAccountType.Checking, null),
            new BankAccount(Guid.NewGuid(), lease.LandlordId, "u", "8765", "021000021", BankAccountType.Checking, null), 1500m, PaymentRail.StandardAch,
            new DateOnly(2027, 1, 15), null, null, Now);
        ach.StartProcessing(Now, Now);
        ach.Complete(Now);
        var paid = lease.DuesOf(lease.RenterId).Apply(ach, Now);
        lease.Schedule.Refresh(lease);
        Assert.True(ach.CanBeReturned);
        Assert.Equal(new DateOnly(2027, 2, 15), lease.Schedule.NextDueDate);

        ach.Return(BankFailure.AccountClosed, Now);
        lease.DuesOf(lease.RenterId).Reverse(paid, Now);
        lease.Schedule.Refresh(lease);

        Assert.Equal((PaymentStatus.Returned, "R02"), (ach.Status, ach.FailureCode));
        Assert.Equal((new DateOnly(2027, 1, 15), 1500m, ScheduleStatus.Active), (lease.Schedule.NextDueDate, lease.Schedule.AmountDue, lease.Schedule.Status));
        Assert.All(paid, a => Assert.Equal(Now, a.ReversedAt));
        lease.DuesOf(lease.RenterId).Reverse(paid, Now); // a second time changes nothing
        Assert.Equal(1500m, lease.Schedule.AmountDue);
    }

    [Fact]
    public void A_payment_made_before_the_due_day_changed_still_pays_its_month()
    {
        var (lease, _) = NewPayment(); // for the period due 2027-01-15
        lease.Amend(null, 20, new DateOnly(2027, 1, 1), null, Guid.NewGuid(), BeforeTheLease); // January is now due on the 20th
        Settle(lease, 1500m);
        Assert.Equal(new DateOnly(2027, 2, 20), lease.Schedule.NextDueDate);
    }

    private static void Settle(Lease lease, decimal amount)
    {
        var payer = new BankAccount(Guid.NewGuid(), lease.RenterId, "t", "4321", "021000021", BankAccountType.Checking, null);
        var payee = new BankAccount(Guid.NewGuid(), lease.LandlordId, "u", "8765", "021000021", BankAccountType.Checking, null);
        var payment = new Payment(Guid.NewGuid(), lease, payer, payee, amount, PaymentRail.Instant, lease.Schedule.NextDueDate, null, null, Now);
        payment.StartProcessing(Now, Now);
        payment.Complete(Now);
        lease.DuesOf(lease.RenterId).Apply(payment, Now);
        lease.Schedule.Refresh(lease);
    }
}
