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
        var last4 = entry.AccountNumber.Length >= 4 ? entry.AccountNumber[^4..] : entry.AccountNumber;
        switch (last4)
        {
            case "0002": return Decision.Return("R02"); // account closed
            case "0003": return Decision.Return("R03"); // no account, or unable to locate it
            case "0004": return Decision.Return("R04"); // invalid account number structure
        }
        if (TransactionCodes.CarriesNoAmount(entry.TransactionCode) || !TransactionCodes.IsDebit(entry.TransactionCode)) return Decision.Post;

        var firstDebit = account.DebitsReceived == 0;
        return last4 switch
        {
            "0001" => Decision.Return("R01"), // insufficient funds, every time
            "0011" when firstDebit => Decision.Return("R01"), // insufficient funds the first time only: a retry goes through
            _ when account.Balance < entry.Amount => Decision.Return("R01"),
            "0021" or "0022" => Decision.Return("R10", posted: true, days: SettlementTimes.UnauthorizedClaimAfter), // paid, then claimed unauthorized after the window
            "0025" => Decision.Return("R10", posted: true, days: SettlementTimes.LateUnauthorizedClaimAfter), // claimed weeks later: after the landlord's payout
            "0023" => new Decision(true, ReplyKind.NotificationOfChange, "C01", CorrectedNumber(entry.AccountNumber)),
            _ => Decision.Post,
        };
    }

    /// <summary>The number the receiving bank gives for a 0023 account: the same, ending in 0024 (which answers as any account).</summary>
    public static string CorrectedNumber(string accountNumber) => accountNumber[..^4] + "0024";
}
