namespace DirectPay.Banking.Nacha;

public enum AchAccountType { Checking, Savings }

/// <summary>
/// Transaction codes: the first digit is the account (2 checking, 3 savings, 4 general ledger, 5 loan), the second what
/// the entry does (1 return or NOC of a credit, 2 credit, 3 credit prenote, 4 zero-dollar credit, 5 loan reversal,
/// 6 return or NOC of a debit, 7 debit, 8 debit prenote, 9 zero-dollar debit).
/// </summary>
public static class TransactionCodes
{
    public const int CheckingReturnOfCredit = 21, CheckingCredit = 22, CheckingCreditPrenote = 23;
    public const int CheckingReturnOfDebit = 26, CheckingDebit = 27, CheckingDebitPrenote = 28;
    public const int SavingsReturnOfCredit = 31, SavingsCredit = 32, SavingsCreditPrenote = 33;
    public const int SavingsReturnOfDebit = 36, SavingsDebit = 37, SavingsDebitPrenote = 38;

    private static readonly HashSet<int> Known =
        [21, 22, 23, 24, 26, 27, 28, 29, 31, 32, 33, 34, 36, 37, 38, 39, 41, 42, 43, 44, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56];

    public static bool IsKnown(int code) => Known.Contains(code);

    /// <summary>Credits count in a batch's credit total, debits in its debit total (returns included, as the operator counts them).</summary>
    public static bool IsCredit(int code) => code % 10 is >= 1 and <= 4;

    public static bool IsDebit(int code) => code % 10 is >= 5 and <= 9;

    /// <summary>Prenotes and zero-dollar entries carry no money.</summary>
    public static bool CarriesNoAmount(int code) => code % 10 is 3 or 4 or 8 or 9;

    public static bool IsReturnOrNotification(int code) => code % 10 is 1 or 6;

    /// <summary>A live forward entry moves money, so it may not carry 0 (the receiving bank returns it R19).</summary>
    public static bool MovesMoney(int code) => !CarriesNoAmount(code) && !IsReturnOrNotification(code);

    public static int For(AchAccountType account, bool debit, bool prenote = false) =>
        (account == AchAccountType.Checking ? 20 : 30) + (debit ? 7 : 2) + (prenote ? 1 : 0);

    /// <summary>The code a return or NOC carries for an entry of <paramref name="original"/> code.</summary>
    public static int ReturnOf(int original) => original / 10 * 10 + (IsDebit(original) ? 6 : 1);
}
