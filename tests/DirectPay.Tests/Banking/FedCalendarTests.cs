using DirectPay.Banking;

namespace DirectPay.Tests.Banking;

/// <summary>The Fed's business days, 2026-2028, from its published holiday schedule.</summary>
public class FedCalendarTests
{
    /// <summary>Every day the Federal Reserve Banks are closed for a holiday, 2026-2028.</summary>
    private static readonly DateOnly[] Closed =
    [
        new(2026, 1, 1), new(2026, 1, 19), new(2026, 2, 16), new(2026, 5, 25), new(2026, 6, 19), new(2026, 9, 7),
        new(2026, 10, 12), new(2026, 11, 11), new(2026, 11, 26), new(2026, 12, 25),
        new(2027, 1, 1), new(2027, 1, 18), new(2027, 2, 15), new(2027, 5, 31), new(2027, 7, 5), new(2027, 9, 6),
        new(2027, 10, 11), new(2027, 11, 11), new(2027, 11, 25),
        new(2028, 1, 17), new(2028, 2, 21), new(2028, 5, 29), new(2028, 6, 19), new(2028, 7, 4), new(2028, 9, 4),
        new(2028, 10, 9), new(2028, 11, 23), new(2028, 12, 25),
    ];

    [Fact]
    public void The_Fed_is_closed_on_exactly_its_holidays_and_weekends_from_2026_to_2028()
    {
        for (var day = new DateOnly(2026, 1, 1); day.Year <= 2028; day = day.AddDays(1))
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            Assert.True(FedCalendar.IsBusinessDay(day) == !(weekend || Closed.Contains(day)), $"{day:yyyy-MM-dd} ({day.DayOfWeek})");
        }
        Assert.Equal(Closed, new[] { 2026, 2027, 2028 }.SelectMany(y => FedCalendar.HolidaysOf(y).Keys).Order());
    }

    [Theory]
    [InlineData("2026-07-03", "Independence Day falls on a Saturday: the Friday before is a business day")]
    [InlineData("2027-06-18", "Juneteenth falls on a Saturday")]
    [InlineData("2027-12-24", "Christmas falls on a Saturday")]
    [InlineData("2027-12-31", "New Year's Day 2028 falls on a Saturday")]
    [InlineData("2028-11-10", "Veterans Day falls on a Saturday")]
    public void A_holiday_on_a_Saturday_is_not_observed(string date, string why) =>
        Assert.True(FedCalendar.IsBusinessDay(DateOnly.Parse(date)), why);

    [Theory]
    [InlineData("2027-07-05", "Independence Day")]
    public void A_holiday_on_a_Sunday_is_observed_the_Monday_after(string date, string holiday) =>
        Assert.Equal(holiday, FedCalendar.HolidaysOf(2027)[DateOnly.Parse(date)]);

    [Theory]
    [InlineData("2026-12-31", 1, "2027-01-04")] // New Year's Day, then a weekend
    [InlineData("2026-12-24", 1, "2026-12-28")] // Christmas on a Friday
    [InlineData("2026-11-25", 1, "2026-11-27")] // Thanksgiving; the Fed opens the Friday after
    [InlineData("2026-11-25", 2, "2026-11-30")]
    [InlineData("2027-12-30", 2, "2028-01-03")] // Friday 2027-12-31 is open: New Year's Day 2028 is a Saturday
    [InlineData("2027-07-02", 1, "2027-07-06")] // Independence Day on a Sunday, observed Monday
    [InlineData("2026-12-05", 0, "2026-12-05")]
    public void Business_days_are_counted_across_weekends_holidays_and_the_year_end(string from, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), FedCalendar.AddBusinessDays(DateOnly.Parse(from), days));

    [Theory]
    [InlineData("2026-12-02T04:59:59Z", "2026-12-01")] // 23:59:59 EST
    [InlineData("2026-12-02T05:00:00Z", "2026-12-02")]
    [InlineData("2026-07-02T03:59:59Z", "2026-07-01")] // 23:59:59 EDT
    [InlineData("2026-07-02T04:00:00Z", "2026-07-02")]
    public void The_day_is_New_York_s(string instant, string day) =>
        Assert.Equal(DateOnly.Parse(day), FedCalendar.DateInNewYork(DateTimeOffset.Parse(instant)));
}
