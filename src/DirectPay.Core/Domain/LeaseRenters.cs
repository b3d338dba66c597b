namespace DirectPay.Domain;

/// <summary>
/// A renter on a lease and their share of the rent, as signed. A lease with one renter has one share: the whole rent.
/// When the rent is amended, each share keeps its proportion.
/// </summary>
public sealed class LeaseRenter
{
    private LeaseRenter() { }

    public LeaseRenter(Guid leaseId, Guid renterId, decimal shareAmount)
    {
        LeaseId = leaseId;
        RenterId = renterId;
        ShareAmount = Money.Normalize(shareAmount);
    }

    public Guid LeaseId { get; private set; }
    public Guid RenterId { get; private set; }
    /// <summary>The renter's part of the rent as signed; also their weight when a later rent is split.</summary>
    public decimal ShareAmount { get; private set; }
}

public static class RentShares
{
    /// <summary>
    /// Splits <paramref name="rent"/> in proportion to <paramref name="weights"/>, to the cent, so the parts sum to the rent
    /// exactly: each part is rounded down and the cents left over go to the largest remainders (first share on a tie).
    /// </summary>
    public static decimal[] Split(decimal rent, IReadOnlyList<decimal> weights)
    {
        var total = weights.Sum();
        var exact = weights.Select(w => rent * w / total).ToArray();
        var parts = exact.Select(e => Math.Floor(e * 100m) / 100m).ToArray();
        var centsLeft = (int)((rent - parts.Sum()) * 100m);
        foreach (var i in Enumerable.Range(0, parts.Length).OrderByDescending(i => exact[i] - parts[i]).ThenBy(i => i).Take(centsLeft))
            parts[i] += 0.01m;
        return parts.Select(Money.Normalize).ToArray();
    }

    /// <summary>Shares given as percents, turned into amounts of the rent that sum to it exactly.</summary>
    public static decimal[] FromPercents(decimal rent, IReadOnlyList<decimal> percents) => Split(rent, percents);
}
