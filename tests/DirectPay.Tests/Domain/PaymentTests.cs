using DirectPay.Domain;

namespace DirectPay.Tests.Domain;

public class PaymentTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly Property Flat = new(Guid.NewGuid(), Guid.NewGuid(), "1 Main St", "Springfield", "IL", "62701", null, PropertyType.Apartment);

    private static (Lease Lease, Payment Payment) NewPayment(decimal amount = 1500.5m)
    {
        var lease = new Lease(Guid.NewGuid(), Flat, Guid.NewGuid(), new DateOnly(2027, 1, 1), new DateOnly(2027, 3, 10), 1500m, 15);
        var payer = new BankAccount(Guid.NewGuid(), lease.RenterId, "btok_payer", "4321", "021000021", BankAccountType.Checking, null);
        var payee = new BankAccount(Guid.NewGuid(), lease.LandlordId, "btok_payee", "8765", "021000021", BankAccountType.Checking, null);
        return (lease, new Payment(Guid.NewGuid(), lease, payer, payee, amount, PaymentRail.Instant, null, Now));
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
    public void Only_retryable_failures_are_retried_and_at_most_three_times()
    {
        var (_, closed) = NewPayment();
        closed.StartProcessing(Now, Now);
        closed.Fail(BankFailure.AccountClosed, Now);
        Assert.False(closed.CanRetry);

        var (_, poor) = NewPayment();
        for (var attempt = 0; attempt < Payment.MaxRetries; attempt++)
        {
            poor.StartProcessing(Now, Now);
            poor.Fail(BankFailure.InsufficientFunds, Now);
            poor.Retry(Now);
        }
        poor.StartProcessing(Now, Now);
        poor.Fail(BankFailure.InsufficientFunds, Now);
        Assert.False(poor.CanRetry);
        Assert.Throws<InvalidOperationException>(() => poor.Retry(Now));
    }

    [Fact]
    public void Settling_a_period_moves_the_schedule_once_with_the_terms_of_the_next_month()
    {
        var (lease, _) = NewPayment();
        lease.Amend(1600m, 20, new DateOnly(2027, 2, 1), null, Guid.NewGuid());

        Assert.True(lease.Schedule.Advance(lease, new DateOnly(2027, 1, 15)));
        Assert.False(lease.Schedule.Advance(lease, new DateOnly(2027, 1, 15))); // a second payment for January
        Assert.Equal((new DateOnly(2027, 2, 20), 1600m), (lease.Schedule.NextDueDate, lease.Schedule.AmountDue));

        Assert.True(lease.Schedule.Advance(lease, new DateOnly(2027, 2, 20)));
        Assert.Equal(ScheduleStatus.Completed, lease.Schedule.Status); // March 20 is after the lease ends on March 10
        Assert.False(lease.Schedule.Advance(lease, lease.Schedule.NextDueDate));
    }

    [Fact]
    public void The_schedule_moves_from_december_to_january()
    {
        var lease = new Lease(Guid.NewGuid(), Flat, Guid.NewGuid(), new DateOnly(2027, 12, 1), new DateOnly(2028, 11, 30), 900m, 5);
        Assert.True(lease.Schedule.Advance(lease, new DateOnly(2027, 12, 5)));
        Assert.Equal(new DateOnly(2028, 1, 5), lease.Schedule.NextDueDate);
    }

    [Fact]
    public void Only_settled_ach_payments_without_refunds_come_back_and_their_period_is_due_again()
    {
        var (lease, payment) = NewPayment();
        payment.StartProcessing(Now, Now);
        payment.Complete(Now);
        Assert.False(payment.CanBeReturned); // instant is final

        var ach = new Payment(Guid.NewGuid(), lease, new BankAccount(Guid.NewGuid(), lease.RenterId, "t", "0021", "021000021", BankAccountType.Checking, null),
            new BankAccount(Guid.NewGuid(), lease.LandlordId, "u", "8765", "021000021", BankAccountType.Checking, null), 1500m, PaymentRail.StandardAch, null, Now);
        ach.StartProcessing(Now, Now);
        ach.Complete(Now);
        lease.Schedule.Advance(lease, ach.PeriodDueDate);
        Assert.True(ach.CanBeReturned);

        ach.Return(BankFailure.AccountClosed, Now);
        Assert.True(lease.Schedule.Reopen(lease, ach.PeriodDueDate));

        Assert.Equal((PaymentStatus.Returned, "R02"), (ach.Status, ach.FailureCode));
        Assert.Equal((new DateOnly(2027, 1, 15), 1500m, ScheduleStatus.Active), (lease.Schedule.NextDueDate, lease.Schedule.AmountDue, lease.Schedule.Status));
        Assert.False(lease.Schedule.Reopen(lease, ach.PeriodDueDate));
    }

    [Fact]
    public void A_payment_made_before_the_due_day_changed_still_pays_its_month()
    {
        var (lease, payment) = NewPayment(); // for the period due 2027-01-15
        lease.Amend(null, 20, new DateOnly(2027, 1, 1), null, Guid.NewGuid()); // January is now due on the 20th
        Assert.True(lease.Schedule.Advance(lease, payment.PeriodDueDate));
        Assert.Equal(new DateOnly(2027, 2, 20), lease.Schedule.NextDueDate);
    }
}
