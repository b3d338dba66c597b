using DirectPay.Bank.Data;
using DirectPay.Banking.Nacha;

namespace DirectPay.Bank.Simulation;

/// <summary>What a receiving bank answers to an entry, decided as it posts.</summary>
/// <param name="Posted">Whether the receiver's account is debited or credited.</param>
/// <param name="ReplyDays">Banking days after settlement the reply leaves.</param>
public sealed record Decision(bool Posted, ReplyKind? Reply = null, string Code = "", string CorrectedData = "", int ReplyDays = 1)
{
    public static readonly Decision Post = new(true);

    public static Decision Return(string code, bool posted = false, int days = 1) => new(posted, ReplyKind.Return, code, ReplyDays: days);
}

/// <summary>
/// The receiving banks' answers, by the account number's last four digits (README, "Test accounts"), like moov-io's
/// ach-test-harness; any other account answers as a real one would, by its balance.
/// </summary>
public static class ReceivingBankRules
{
    public static Decision Decide(ReceivedEntry entry, Account account)
    {
        var last4 = Last4(entry.AccountNumber);
        if (NoSuchAccount(last4) is { } code) return Decision.Return(code);
        if (TransactionCodes.CarriesNoAmount(entry.TransactionCode) || !TransactionCodes.IsDebit(entry.TransactionCode)) return Decision.Post;
        if (RefusesDebit(entry.AccountNumber, account, entry.Amount) is { } refusal) return Decision.Return(refusal);
        return last4 switch
        {
            "0021" or "0022" => Decision.Return("R10", posted: true, days: SettlementTimes.UnauthorizedClaimAfter), // paid, then claimed unauthorized after the window
            "0025" => Decision.Return("R10", posted: true, days: SettlementTimes.LateUnauthorizedClaimAfter), // claimed weeks later: after the landlord's payout
            "0023" => new Decision(true, ReplyKind.NotificationOfChange, "C01", CorrectedNumber(entry.AccountNumber)),
            _ => Decision.Post,
        };
    }

    /// <summary>
    /// Why the account's bank will not pay <paramref name="amount"/> out of it (an ACH debit or a transfer), or null:
    /// the account is closed or unknown, a test account short of funds, or its balance is.
    /// </summary>
    public static string? RefusesDebit(string accountNumber, Account account, decimal amount)
    {
        var last4 = Last4(accountNumber);
        return NoSuchAccount(last4) ?? last4 switch
        {
            "0001" => "R01", // insufficient funds, every time
            "0011" when account.DebitsReceived == 0 => "R01", // insufficient funds the first time only: a retry goes through
            _ when account.Balance < amount => "R01",
            _ => null,
        };
    }

    /// <summary>The number the receiving bank gives for a 0023 account: the same, ending in 0024 (which answers as any account).</summary>
    public static string CorrectedNumber(string accountNumber) => accountNumber[..^4] + "0024";

    private static string? NoSuchAccount(string last4) => last4 switch
    {
        "0002" => "R02", // account closed
        "0003" => "R03", // no account, or unable to locate it
        "0004" => "R04", // invalid account number structure
        _ => null,
    };

    private static string Last4(string accountNumber) => accountNumber.Length >= 4 ? accountNumber[^4..] : accountNumber;
}
