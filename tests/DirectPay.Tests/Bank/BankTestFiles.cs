using DirectPay.AppHost;
using DirectPay.Banking.Nacha;

namespace DirectPay.Tests.Bank;

/// <summary>Files the tests hand the bank as DirectPay, each with an identity no other file in the run has.</summary>
internal static class BankTestFiles
{
    public static readonly AchOriginator DirectPay = new(BankAgreement.BankRouting, "SANDBOX BANK", BankAgreement.ImmediateOrigin,
        "DIRECTPAY", "DIRECTPAY", BankAgreement.CompanyIdentification);

    private static int _files;

    /// <summary>A file of these entries created on a date of its own in the 1980s and 1990s, which no file DirectPay writes has.</summary>
    public static OriginationFile Build(IReadOnlyList<OutgoingEntry> entries, AchOriginator? originator = null) =>
        NachaOrigination.Build(originator ?? DirectPay, new DateTimeOffset(1980, 1, 1, 15, 0, 0, TimeSpan.Zero).AddDays(Interlocked.Increment(ref _files)),
            'A', Random.Shared.Next(1, 9_000_000), entries);
}
