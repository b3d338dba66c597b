namespace DirectPay.Domain;

public enum LateFeeType { None, Fixed, Percent }

/// <summary>
/// The landlord's rules for collecting a lease's rent: how many days late rent may be before a late fee is charged,
/// what that fee is (a fixed amount or a percent of the rent, optionally capped), and whether partial payments are taken.
/// </summary>
public sealed record RentPolicy(int GraceDays, LateFeeType LateFeeType, decimal LateFeeAmount, decimal? LateFeeCap, bool FullPaymentsOnly)
{
    public const int MaxGraceDays = 28;
    public static readonly RentPolicy Default = new(0, LateFeeType.None, 0.00m, null, false);

    public bool ChargesLateFees => LateFeeType != LateFeeType.None && LateFeeAmount > 0;

    /// <summary>Rent due on <paramref name="dueDate"/> and still unpaid is late from the day after the grace period.</summary>
    public bool IsLate(DateOnly dueDate, DateOnly today) => today > dueDate.AddDays(GraceDays);

    /// <summary>
    /// The late fee on one renter's share of a period: the period's fee (fixed, or a percent of its rent, at most the cap)
    /// in proportion to the share, so a period is charged one fee however its rent is split.
    /// </summary>
    public decimal LateFeeOn(decimal shareRent, decimal periodRent)
    {
        if (!ChargesLateFees || periodRent <= 0) return 0m;
        var periodFee = LateFeeType == LateFeeType.Fixed ? LateFeeAmount : periodRent * LateFeeAmount / 100m;
        if (LateFeeCap is { } cap && periodFee > cap) periodFee = cap;
        return Money.Normalize(periodFee * shareRent / periodRent);
    }
}
