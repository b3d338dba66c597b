namespace DirectPay.Domain;

public static class Timestamps
{
    /// <summary>An instant as PostgreSQL stores it (microseconds): a response shows the same instant a later read does.</summary>
    public static DateTimeOffset Stored(DateTimeOffset instant) => instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerMicrosecond));
}
