using DirectPay.Domain;

namespace DirectPay.Tests.Domain;

public class DueDatesTests
{
    [Theory]
    [InlineData("2026-01-03", 5, "2026-01-05")] // starts before the due day: due the same month
    [InlineData("2026-01-05", 5, "2026-01-05")] // starts on the due day: due that day
    [InlineData("2026-01-10", 5, "2026-02-05")] // starts after the due day: due next month
    [InlineData("2026-01-31", 28, "2026-02-28")] // month end to a short February
    [InlineData("2028-02-29", 28, "2028-03-28")] // leap day, after the due day
    [InlineData("2026-12-20", 5, "2027-01-05")] // year wrap
    [InlineData("2026-12-01", 1, "2026-12-01")]
    [InlineData("2026-11-30", 28, "2026-12-28")]
    public void First_due_date_follows_the_start_date_and_the_due_day(string start, int dueDay, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), DueDates.FirstOnOrAfter(DateOnly.Parse(start), dueDay));

    [Theory]
    [InlineData(0)]
    [InlineData(29)]
    [InlineData(31)]
    public void Due_days_outside_1_to_28_are_refused(int dueDay) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DueDates.FirstOnOrAfter(new DateOnly(2026, 1, 1), dueDay));

    [Theory]
    [InlineData("2026-01-10", "2026-02-04", 5, false)] // Feb 5 is after the end
    [InlineData("2026-01-10", "2026-02-05", 5, true)]
    [InlineData("2026-01-01", "2026-01-02", 1, true)]
    public void A_lease_needs_a_due_date_inside_its_term(string start, string end, int dueDay, bool expected) =>
        Assert.Equal(expected, Lease.HasDueDate(DateOnly.Parse(start), DateOnly.Parse(end), dueDay));
}

public class MoneyTests
{
    [Theory]
    [InlineData("1850.5", "1850.50")]
    [InlineData("1850", "1850.00")]
    [InlineData("1850.500", "1850.50")]
    [InlineData("0.01", "0.01")]
    public void Money_always_has_two_places(string amount, string expected) =>
        Assert.Equal(expected, Money.Normalize(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture))
            .ToString(System.Globalization.CultureInfo.InvariantCulture));
}
