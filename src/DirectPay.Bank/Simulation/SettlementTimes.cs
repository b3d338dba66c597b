using DirectPay.Banking;

namespace DirectPay.Bank.Simulation;

/// <summary>When the ACH operator settles what the bank sends it, and when a receiving bank's answer comes back.</summary>
public static class SettlementTimes
{
    /// <summary>The Fed's same-day deadlines and the times those windows settle, New York time.</summary>
    private static readonly (TimeOnly Deadline, TimeOnly Settles)[] SameDayWindows =
        [(new(10, 30), new(13, 0)), (new(14, 45), new(17, 0)), (new(16, 45), new(18, 0))];

    private static readonly TimeOnly MorningSettlement = new(8, 30);

    /// <summary>Receiving banks send their returns and notifications before the next banking day opens.</summary>
    private static readonly TimeOnly RepliesSent = new(6, 0);

    /// <summary>How many banking days after settlement the simulator's receiving banks claim an unauthorized debit.</summary>
    public const int UnauthorizedClaimAfter = 3; // the day after the two-day window closes: the payment has completed

    /// <summary>A claim a month after settlement (of the 60 days Nacha allows): the landlord has long been paid out.</summary>
    public const int LateUnauthorizedClaimAfter = 20;

    /// <summary>
    /// An entry settles on its effective date when the file arrives before that day; one due today, or dated in the past,
    /// settles in the first same-day window whose deadline the file still meets, else the next banking day's morning.
    /// </summary>
    public static (DateOnly Date, DateTimeOffset At) Settlement(DateTimeOffset receivedAt, DateOnly effectiveDate)
    {
        var today = FedCalendar.DateInNewYork(receivedAt);
        var date = FedCalendar.BusinessDayOnOrAfter(effectiveDate);
        if (date > today) return (date, FedCalendar.At(date, MorningSettlement));
        if (FedCalendar.IsBusinessDay(today))
            foreach (var (deadline, settles) in SameDayWindows)
                if (receivedAt < FedCalendar.At(today, deadline)) return (today, FedCalendar.At(today, settles));
        var next = FedCalendar.NextBusinessDay(today);
        return (next, FedCalendar.At(next, MorningSettlement));
    }

    /// <summary>A return or notification for an entry settled on <paramref name="settlementDate"/>, <paramref name="days"/> banking days later.</summary>
    public static DateTimeOffset ReplyDue(DateOnly settlementDate, int days = 1) =>
        FedCalendar.At(FedCalendar.AddBusinessDays(settlementDate, days), RepliesSent);
}
