namespace DirectPay.Banking;

/// <summary>How long a receiving bank has to return an entry, by its return reason code.</summary>
public static class AchReturns
{
    /// <summary>Unauthorized and improper debits to consumers, returned within 60 days of settlement.</summary>
    private static readonly HashSet<string> SixtyDayCodes = ["R05", "R07", "R10", "R11", "R37", "R51", "R52", "R53"];

    /// <summary>Returns the ODFI asked for or agreed to have no deadline.</summary>
    private static readonly HashSet<string> AgreedCodes = ["R06", "R31"];

    public static bool IsUnauthorizedDebit(string code) => SixtyDayCodes.Contains(code);

    /// <summary>
    /// The banking day by whose opening a return must reach the originating bank: the second banking day after
    /// settlement, or for unauthorized debits the banking day after the sixtieth calendar day.
    /// </summary>
    public static DateOnly Deadline(DateOnly settlementDate, string code) =>
        AgreedCodes.Contains(code) ? DateOnly.MaxValue
        : SixtyDayCodes.Contains(code) ? FedCalendar.NextBusinessDay(settlementDate.AddDays(60))
        : FedCalendar.AddBusinessDays(settlementDate, 2);

    public static bool IsTimely(DateOnly settlementDate, string code, DateOnly receivedOn) => receivedOn <= Deadline(settlementDate, code);

    /// <summary>When the receiving banks' day begins: a return due by a banking day's opening has arrived by then.</summary>
    public static readonly TimeOnly OpeningOfBusiness = new(8, 30);

    /// <summary>When an entry settled on <paramref name="settlementDate"/> can no longer come back for want of funds or a closed account.</summary>
    public static DateTimeOffset WindowClosesAt(DateOnly settlementDate) => FedCalendar.At(WindowClosesOn(settlementDate), OpeningOfBusiness);

    /// <summary>The day after which an entry settled on <paramref name="settlementDate"/> can no longer come back for want of funds or a closed account.</summary>
    public static DateOnly WindowClosesOn(DateOnly settlementDate) => Deadline(settlementDate, "R01");
}
