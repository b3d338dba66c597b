using DirectPay.Banking;

namespace DirectPay.Tests.Banking;

/// <summary>Which file an entry joins and when it settles, with the default cutoffs (10:00, 14:15, 16:15 same-day; 17:30 standard, ET).</summary>
public class AchScheduleTests
{
    private static readonly AchSchedule Schedule = new(AchCutoffs.Default);

    [Theory]
    // submitted (UTC), same-day asked, amount → cutoff (UTC), settlement date, same-day
    [InlineData("2026-12-01T14:59:59Z", true, 100, "2026-12-01T15:00:00Z", "2026-12-01", true)] // 09:59:59 EST
    [InlineData("2026-12-01T15:00:00Z", true, 100, "2026-12-01T19:15:00Z", "2026-12-01", true)] // at the cutoff: missed
    [InlineData("2026-12-01T21:14:59Z", true, 100, "2026-12-01T21:15:00Z", "2026-12-01", true)] // the last window
    [InlineData("2026-12-01T21:15:00Z", true, 100, "2026-12-01T22:30:00Z", "2026-12-02", false)] // the standard file
    [InlineData("2026-12-01T22:30:00Z", true, 100, "2026-12-02T15:00:00Z", "2026-12-02", true)] // tomorrow's first window
    [InlineData("2026-12-01T14:00:00Z", true, 1_000_000.00, "2026-12-01T15:00:00Z", "2026-12-01", true)]
    [InlineData("2026-12-01T14:00:00Z", true, 1_000_000.01, "2026-12-01T22:30:00Z", "2026-12-02", false)] // over the same-day limit
    [InlineData("2026-12-01T14:00:00Z", false, 100, "2026-12-01T22:30:00Z", "2026-12-02", false)]
    [InlineData("2026-12-01T22:29:59Z", false, 100, "2026-12-01T22:30:00Z", "2026-12-02", false)]
    [InlineData("2026-12-01T22:30:00Z", false, 100, "2026-12-02T22:30:00Z", "2026-12-03", false)]
    [InlineData("2026-12-04T23:00:00Z", false, 100, "2026-12-07T22:30:00Z", "2026-12-08", false)] // Friday evening
    [InlineData("2026-12-05T15:00:00Z", true, 100, "2026-12-07T15:00:00Z", "2026-12-07", true)] // Saturday
    [InlineData("2026-11-25T17:00:00Z", false, 100, "2026-11-25T22:30:00Z", "2026-11-27", false)] // before Thanksgiving
    [InlineData("2026-11-26T15:00:00Z", true, 100, "2026-11-27T15:00:00Z", "2026-11-27", true)] // on Thanksgiving
    [InlineData("2026-12-31T22:00:00Z", false, 100, "2026-12-31T22:30:00Z", "2027-01-04", false)] // the year end
    [InlineData("2026-12-31T23:00:00Z", true, 100, "2027-01-04T15:00:00Z", "2027-01-04", true)]
    [InlineData("2026-07-02T21:00:00Z", false, 100, "2026-07-02T21:30:00Z", "2026-07-03", false)] // 17:00 EDT; July 4 a Saturday
    [InlineData("2026-07-01T13:59:59Z", true, 100, "2026-07-01T14:00:00Z", "2026-07-01", true)] // 09:59:59 EDT
    [InlineData("2027-07-02T22:00:00Z", false, 100, "2027-07-06T21:30:00Z", "2027-07-07", false)] // July 4 observed on Monday
    [InlineData("2026-03-09T03:30:00Z", false, 100, "2026-03-09T21:30:00Z", "2026-03-10", false)] // Sunday night, after the clocks went forward
    public void An_entry_joins_the_first_file_it_may_go_in(
        string submitted, bool sameDay, double amount, string cutoff, string settles, bool settlesSameDay)
    {
        var window = Schedule.WindowFor(DateTimeOffset.Parse(submitted), sameDay, (decimal)amount);

        Assert.Equal(new AchWindow(DateTimeOffset.Parse(cutoff), DateOnly.Parse(settles), DateOnly.Parse(settles), settlesSameDay), window);
    }

    [Theory]
    [InlineData("2026-12-01", "R01", "2026-12-03")]
    [InlineData("2026-12-23", "R02", "2026-12-28")] // Christmas in between
    [InlineData("2026-12-31", "R03", "2027-01-05")] // New Year's Day and a weekend
    [InlineData("2026-12-01", "R10", "2027-02-01")] // the 60th day, 2027-01-30, is a Saturday
    [InlineData("2026-12-01", "R05", "2027-02-01")]
    [InlineData("2026-11-20", "R07", "2027-01-20")] // the 60th day, 2027-01-19, a Tuesday
    [InlineData("2026-11-20", "R11", "2027-01-20")]
    [InlineData("2026-11-19", "R10", "2027-01-19")] // the 60th day, 2027-01-18, is a holiday; the banking day after it
    public void A_return_must_reach_the_originating_bank_within_its_window(string settled, string code, string deadline) =>
        Assert.Equal(DateOnly.Parse(deadline), AchReturns.Deadline(DateOnly.Parse(settled), code));

    [Fact]
    public void A_late_return_for_want_of_funds_is_refused_but_an_unauthorized_debit_has_sixty_days()
    {
        var settled = new DateOnly(2026, 12, 1);
        Assert.True(AchReturns.IsTimely(settled, "R01", new DateOnly(2026, 12, 3)));
        Assert.False(AchReturns.IsTimely(settled, "R01", new DateOnly(2026, 12, 4)));
        Assert.True(AchReturns.IsTimely(settled, "R10", new DateOnly(2027, 1, 29)));
        Assert.False(AchReturns.IsTimely(settled, "R10", new DateOnly(2027, 2, 2)));
        Assert.True(AchReturns.IsUnauthorizedDebit("R10"));
        Assert.False(AchReturns.IsUnauthorizedDebit("R01"));
    }

    [Fact]
    public void Cutoffs_come_before_the_Fed_s_and_in_order()
    {
        Assert.Null(AchCutoffs.Default.Problem());
        Assert.NotNull(new AchCutoffs([new(10, 0), new(16, 45)], new(17, 0)).Problem());
        Assert.NotNull(new AchCutoffs([new(14, 0), new(10, 0)], new(17, 0)).Problem());
        Assert.Throws<ArgumentException>(() => new AchSchedule(new AchCutoffs([new(17, 0)], new(18, 0))));
    }
}
