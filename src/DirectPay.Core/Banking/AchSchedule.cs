namespace DirectPay.Banking;

/// <summary>The ODFI's deadlines for origination files, New York time; banks set theirs before the Fed's own.</summary>
/// <param name="SameDay">The same-day windows' cutoffs, before the Fed's 10:30, 14:45 and 16:45.</param>
/// <param name="Standard">The cutoff of the day's file whose entries settle the next business day.</param>
public sealed record AchCutoffs(IReadOnlyList<TimeOnly> SameDay, TimeOnly Standard)
{
    public static readonly TimeOnly FedLastSameDayDeadline = new(16, 45);

    public static AchCutoffs Default { get; } = new([new(10, 0), new(14, 15), new(16, 15)], new(17, 30));

    /// <summary>Why these cutoffs cannot be used, or null.</summary>
    public string? Problem() =>
        SameDay.Any(c => c >= FedLastSameDayDeadline) ? $"Same-day cutoffs come before the Fed's last same-day deadline, {FedLastSameDayDeadline:HH:mm} ET."
        : SameDay.Zip(SameDay.Skip(1)).Any(p => p.First >= p.Second) ? "Same-day cutoffs are listed in order, each once."
        : null;
}

/// <summary>The file an entry joins and when it settles.</summary>
/// <param name="Cutoff">The deadline of the file the entry goes in.</param>
/// <param name="EffectiveDate">The effective entry date written in the batch header.</param>
/// <param name="SettlementDate">The business day the Fed moves the money.</param>
public sealed record AchWindow(DateTimeOffset Cutoff, DateOnly EffectiveDate, DateOnly SettlementDate, bool SameDay);

/// <summary>When ACH entries go to the bank and settle, and how long their returns may take.</summary>
public sealed class AchSchedule
{
    /// <summary>The most a single entry may carry and still settle the same day.</summary>
    public const decimal SameDayLimit = 1_000_000.00m;

    private readonly (TimeOnly Time, bool SameDay)[] _sameDayEligible;
    private readonly (TimeOnly Time, bool SameDay)[] _standardOnly;

    public AchSchedule(AchCutoffs cutoffs)
    {
        if (cutoffs.Problem() is { } problem) throw new ArgumentException(problem, nameof(cutoffs));
        _standardOnly = [(cutoffs.Standard, false)];
        _sameDayEligible = [.. cutoffs.SameDay.Select(c => (c, true)).Append((cutoffs.Standard, false)).OrderBy(c => c.Item1)];
    }

    public static bool IsSameDayEligible(decimal amount) => amount <= SameDayLimit;

    /// <summary>
    /// The first file after <paramref name="submittedAt"/> that the entry may go in: a same-day window when it asks for
    /// one and is eligible, else the day's standard file; an entry at a cutoff's very minute has missed it.
    /// </summary>
    public AchWindow WindowFor(DateTimeOffset submittedAt, bool sameDay, decimal amount)
    {
        var cutoffs = sameDay && IsSameDayEligible(amount) ? _sameDayEligible : _standardOnly;
        for (var day = FedCalendar.BusinessDayOnOrAfter(FedCalendar.DateInNewYork(submittedAt)); ; day = FedCalendar.NextBusinessDay(day))
        {
            foreach (var (time, isSameDay) in cutoffs)
            {
                var cutoff = FedCalendar.At(day, time);
                if (submittedAt >= cutoff) continue;
                var settles = isSameDay ? day : FedCalendar.NextBusinessDay(day);
                return new AchWindow(cutoff, settles, settles, isSameDay);
            }
        }
    }

    /// <summary>The day an entry settles when its effective date is not a business day: the next one.</summary>
    public static DateOnly SettlementDateOf(DateOnly effectiveDate) => FedCalendar.BusinessDayOnOrAfter(effectiveDate);
}
