namespace DirectPay.Data;

/// <summary>A period's housekeeping, claimed by the one replica that does it: its key makes it once per period.</summary>
public sealed class HousekeepingRun
{
    private HousekeepingRun() { }

    public DateTimeOffset Period { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
}
