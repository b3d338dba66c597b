using System.Collections.Concurrent;

namespace DirectPay.Banking;

/// <summary>
/// The business days of the Federal Reserve Banks, in America/New_York: weekends and the Fed's holidays are off; a
/// holiday on a Sunday is observed the Monday after, one on a Saturday is not observed at all.
/// </summary>
public static class FedCalendar
{
    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static readonly ConcurrentDictionary<int, IReadOnlyDictionary<DateOnly, string>> Years = new();

    /// <summary>The holidays the Fed observes in <paramref name="year"/>, by the date it is closed.</summary>
    public static IReadOnlyDictionary<DateOnly, string> HolidaysOf(int year) => Years.GetOrAdd(year, static year =>
    {
        List<(DateOnly Date, string Name)> holidays =
        [
            (new(year, 1, 1), "New Year's Day"),
            (Nth(year, 1, DayOfWeek.Monday, 3), "Birthday of Martin Luther King, Jr."),
            (Nth(year, 2, DayOfWeek.Monday, 3), "Washington's Birthday"),
            (Last(year, 5, DayOfWeek.Monday), "Memorial Day"),
            (new(year, 7, 4), "Independence Day"),
            (Nth(year, 9, DayOfWeek.Monday, 1), "Labor Day"),
            (Nth(year, 10, DayOfWeek.Monday, 2), "Columbus Day"),
            (new(year, 11, 11), "Veterans Day"),
            (Nth(year, 11, DayOfWeek.Thursday, 4), "Thanksgiving Day"),
            (new(year, 12, 25), "Christmas Day"),
        ];
        if (year >= 2022) holidays.Add((new(year, 6, 19), "Juneteenth National Independence Day")); // a Fed holiday since 2022
        return holidays
            .Where(h => h.Date.DayOfWeek != DayOfWeek.Saturday)
            .ToDictionary(h => h.Date.DayOfWeek == DayOfWeek.Sunday ? h.Date.AddDays(1) : h.Date, h => h.Name);
    });

    public static bool IsHoliday(DateOnly date) => HolidaysOf(date.Year).ContainsKey(date);

    public static bool IsBusinessDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(date);

    /// <summary>The first business day strictly after <paramref name="date"/>.</summary>
    public static DateOnly NextBusinessDay(DateOnly date)
    {
        do date = date.AddDays(1); while (!IsBusinessDay(date));
        return date;
    }

    public static DateOnly BusinessDayOnOrAfter(DateOnly date) => IsBusinessDay(date) ? date : NextBusinessDay(date);

    public static DateOnly AddBusinessDays(DateOnly date, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        for (var i = 0; i < days; i++) date = NextBusinessDay(date);
        return date;
    }

    /// <summary>The date and time on the clocks of the Federal Reserve Bank of New York.</summary>
    public static DateTime InNewYork(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, NewYork).DateTime;

    public static DateOnly DateInNewYork(DateTimeOffset instant) => DateOnly.FromDateTime(InNewYork(instant));

    /// <summary>The instant a New York wall-clock time on <paramref name="date"/> happens.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time) =>
        new(TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(time, DateTimeKind.Unspecified), NewYork), TimeSpan.Zero);

    private static DateOnly Nth(int year, int month, DayOfWeek day, int n)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)day - (int)first.DayOfWeek + 7) % 7 + 7 * (n - 1));
    }

    private static DateOnly Last(int year, int month, DayOfWeek day)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)day + 7) % 7));
    }
}
