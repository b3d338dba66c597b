using DirectPay.Banking.Nacha;

namespace DirectPay.Bench.Formats;

/// <summary>A day's worth of DirectPay entries: renters' WEB debits (one in ten a retry), landlords' PPD payouts, a few prenotes.</summary>
internal static class SampleEntries
{
    private static readonly string[] Routings = ["231380104", "121042882", "011000015", "021000021", "026009593", "091000019", "071000013"];

    public static List<OutgoingEntry> Create(int count)
    {
        var random = new Random(7);
        var effective = new DateOnly(2026, 12, 2);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var routing = Routings[random.Next(Routings.Length)];
            var account = random.NextInt64(10_000_000, 99_999_999_999).ToString();
            var amount = random.Next(50_000, 500_000) / 100m;
            return (i % 10) switch
            {
                < 6 => new OutgoingEntry("WEB", EntryDescriptions.Rent, effective, true, AchAccountType.Checking, routing, account, amount,
                    $"PAY-{i:X8}", $"RENTER {i}", i % 2 == 0 ? WebPaymentType.Recurring : WebPaymentType.Single),
                6 => new OutgoingEntry("WEB", EntryDescriptions.Reinitiated, effective, true, AchAccountType.Savings, routing, account, amount,
                    $"PAY-{i:X8}", $"RENTER {i}", WebPaymentType.Single),
                < 9 => new OutgoingEntry("PPD", EntryDescriptions.Rent, effective, false, AchAccountType.Checking, routing, account, amount * 3,
                    $"PAYOUT-{i:X8}", $"LANDLORD {i}", PaymentInformation: $"RENT COLLECTED FOR 3 UNITS, PAYOUT {i}"),
                _ => new OutgoingEntry("PPD", EntryDescriptions.Rent, effective, false, AchAccountType.Checking, routing, account, 0m,
                    $"PAYEE-{i:X8}", $"LANDLORD {i}", Prenote: true),
            };
        })];
    }
}
