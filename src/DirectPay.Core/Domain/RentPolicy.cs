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

    /// <summary>A period's late fee: fixed, or a percent of its rent, at most the cap.</summary>
    public decimal LateFeeFor(decimal periodRent)
    {
        if (!ChargesLateFees || periodRent <= 0) return 0.00m;
        var fee = LateFeeType == LateFeeType.Fixed ? LateFeeAmount : periodRent * LateFeeAmount / 100m;
        return Money.Normalize(LateFeeCap is { } cap && fee > cap ? cap : fee);
    }

    /// <summary>
    /// Each renter's part of a period's late fee, in proportion to their rent and to the cent (a period is charged one
    /// fee however its rent is split; a renter who paid is not charged their part).
    /// </summary>
    public decimal[] LateFeeShares(IReadOnlyList<decimal> shareRents) =>
        shareRents.Sum() is var rent && rent > 0 ? RentShares.Split(LateFeeFor(rent), shareRents) : shareRents.Select(_ => 0.00m).ToArray();
}
