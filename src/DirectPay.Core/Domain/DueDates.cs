namespace DirectPay.Domain;

/// <summary>Rent is due monthly on a fixed day; days above 28 are not offered, so every month has the due day.</summary>
public static class DueDates
{
    public const int FirstDueDay = 1;
    public const int LastDueDay = 28;

    /// <summary>The first due date on or after <paramref name="from"/>.</summary>
    public static DateOnly FirstOnOrAfter(DateOnly from, int dueDay)
    {
        if (dueDay is < FirstDueDay or > LastDueDay)
            throw new ArgumentOutOfRangeException(nameof(dueDay), dueDay, "A due day is 1 to 28.");
        var sameMonth = new DateOnly(from.Year, from.Month, dueDay);
        return sameMonth >= from ? sameMonth : sameMonth.AddMonths(1);
    }

    /// <summary>The day rent is judged on: due dates and grace periods count in UTC days.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The period (month) a date belongs to, as its first day.</summary>
    public static DateOnly PeriodOf(DateOnly date) => new(date.Year, date.Month, 1);
}
