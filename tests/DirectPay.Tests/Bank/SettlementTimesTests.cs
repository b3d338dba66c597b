using DirectPay.Bank.Simulation;
using DirectPay.Banking;

namespace DirectPay.Tests.Bank;

/// <summary>When the simulated ACH operator settles a batch, and when a receiving bank's answer leaves, on the Fed's calendar.</summary>
public class SettlementTimesTests
{
    [Theory]
    [InlineData("2026-12-07 12:00", "2026-12-08", "2026-12-08 08:30")] // dated tomorrow: settles that morning
    [InlineData("2026-12-08 10:00", "2026-12-08", "2026-12-08 13:00")] // dated today, before the Fed's 10:30: first same-day window
    [InlineData("2026-12-08 10:30", "2026-12-08", "2026-12-08 17:00")] // at the deadline's minute: the next window
    [InlineData("2026-12-08 15:00", "2026-12-08", "2026-12-08 18:00")] // third window
    [InlineData("2026-12-08 16:45", "2026-12-08", "2026-12-09 08:30")] // after the last same-day deadline: the next banking day
    [InlineData("2026-12-08 09:00", "2026-12-01", "2026-12-08 13:00")] // a stale date settles at the next settlement
    [InlineData("2026-12-04 18:00", "2026-12-05", "2026-12-07 08:30")] // dated Saturday: Monday
    [InlineData("2026-12-05 11:00", "2026-12-05", "2026-12-07 08:30")] // received on Saturday: Monday morning
    [InlineData("2026-12-24 12:00", "2026-12-25", "2026-12-28 08:30")] // dated Christmas (a Friday): the Monday after
    [InlineData("2027-12-31 11:00", "2027-12-31", "2027-12-31 17:00")] // New Year's Day 2028 is a Saturday, so the 31st stays open
    public void A_batch_settles_on_its_date_or_at_the_next_settlement_it_still_meets(string receivedAt, string effective, string settles)
    {
        var (date, at) = SettlementTimes.Settlement(NewYork(receivedAt), DateOnly.Parse(effective));

        Assert.Equal((DateOnly.FromDateTime(DateTime.Parse(settles)), NewYork(settles)), (date, at));
    }

    [Theory]
    [InlineData("2026-12-08", 1, "2026-12-09 06:00")]
    [InlineData("2026-12-24", 1, "2026-12-28 06:00")] // over Christmas and the weekend
    [InlineData("2026-12-24", SettlementTimes.UnauthorizedClaimAfter, "2026-12-30 06:00")]
    public void A_reply_leaves_banking_days_after_settlement_before_the_day_opens(string settled, int days, string due)
    {
        Assert.Equal(NewYork(due), SettlementTimes.ReplyDue(DateOnly.Parse(settled), days));
    }

    [Fact]
    public void A_return_due_the_day_after_settlement_reaches_DirectPay_inside_the_two_day_window()
    {
        var settled = new DateOnly(2026, 12, 24);
        Assert.True(SettlementTimes.ReplyDue(settled) < FedCalendar.At(AchReturns.WindowClosesOn(settled), TimeOnly.MinValue));
        Assert.True(SettlementTimes.ReplyDue(settled, SettlementTimes.UnauthorizedClaimAfter) > FedCalendar.At(AchReturns.WindowClosesOn(settled), TimeOnly.MinValue));
    }

    private static DateTimeOffset NewYork(string local)
    {
        var time = DateTime.Parse(local);
        return FedCalendar.At(DateOnly.FromDateTime(time), TimeOnly.FromDateTime(time));
    }
}
