namespace DirectPay.Domain;

public enum PaymentRail { Instant, SameDayAch, StandardAch, Wire }

/// <summary>What each rail promises: how much it carries and how long the bank takes to answer (before the time scale).</summary>
public sealed record RailTerms(decimal Limit, TimeSpan FastestAnswer, TimeSpan SlowestAnswer);

public static class Rails
{
    /// <summary>numeric(12,2) holds no more than this, whatever the rail.</summary>
    public const decimal LargestAmount = 9_999_999_999.99m;

    private static readonly Dictionary<PaymentRail, RailTerms> Terms = new()
    {
        [PaymentRail.Instant] = new(10_000_000.00m, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)),
        [PaymentRail.Wire] = new(LargestAmount, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)),
        [PaymentRail.SameDayAch] = new(1_000_000.00m, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)),
        [PaymentRail.StandardAch] = new(LargestAmount, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3)),
    };

    public static RailTerms Of(PaymentRail rail) => Terms[rail];

    /// <summary>ACH rails go to the bank in files at cutoffs, and their debits can come back after they settle.</summary>
    public static bool IsAch(PaymentRail rail) => rail is PaymentRail.SameDayAch or PaymentRail.StandardAch;

    /// <summary>Why the rail cannot carry the amount, or null when it can.</summary>
    public static string? Refuses(PaymentRail rail, decimal amount) =>
        amount > Of(rail).Limit ? $"The {Data.SnakeCaseEnum<PaymentRail>.ToText[rail]} rail carries at most {Of(rail).Limit:0.00}." : null;

    /// <summary>Whether money on <paramref name="rail"/> arrives no later than on <paramref name="than"/>.</summary>
    public static bool IsAsFastAs(PaymentRail rail, PaymentRail than) => Of(rail).SlowestAnswer <= Of(than).SlowestAnswer;
}
