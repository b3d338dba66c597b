namespace DirectPay.Domain;

public enum PaymentStatus { Pending, Processing, Completed, Failed, Refunded, Returned }

/// <summary>The payment state machine: every transition a payment may make, and nothing else.</summary>
public static class PaymentTransitions
{
    private static readonly HashSet<(PaymentStatus From, PaymentStatus To)> Allowed =
    [
        (PaymentStatus.Pending, PaymentStatus.Processing),
        (PaymentStatus.Processing, PaymentStatus.Completed),
        (PaymentStatus.Processing, PaymentStatus.Failed),
        (PaymentStatus.Failed, PaymentStatus.Pending),     // retry
        (PaymentStatus.Completed, PaymentStatus.Refunded),
        (PaymentStatus.Completed, PaymentStatus.Returned), // an ACH debit the payer's bank sends back after settlement
        (PaymentStatus.Refunded, PaymentStatus.Returned),  // ... even after it was refunded: the bank takes the whole debit back
        (PaymentStatus.Refunded, PaymentStatus.Completed), // the renter's bank sent a refund's credit back: it is refunded no more
    ];

    public static bool IsAllowed(PaymentStatus from, PaymentStatus to) => Allowed.Contains((from, to));
}

/// <summary>Why the bank refused a payment, with the NACHA return code it answered.</summary>
public sealed record BankFailure(string Code, string Reason, bool Retryable)
{
    public static readonly BankFailure InsufficientFunds = new("R01", "Insufficient funds", Retryable: true);
    public static readonly BankFailure AccountClosed = new("R02", "Account closed", Retryable: false);
    public static readonly BankFailure NoAccount = new("R03", "No account / unable to locate account", Retryable: false);
    public static readonly BankFailure InvalidAccountNumber = new("R04", "Invalid account number structure", Retryable: false);
    public static readonly BankFailure UncollectedFunds = new("R09", "Uncollected funds", Retryable: true);
    public static readonly BankFailure Unauthorized = new("R10", "Customer advises not authorized", Retryable: false);
    /// <summary>DirectPay's: the account's number could not be read from the vault, so no file could carry the entry.</summary>
    public static readonly BankFailure AccountNumberUnavailable = new("NONUMBER", "The account's number could not be read; its owner enters it again", Retryable: false);
    /// <summary>DirectPay's: the bank refused the file the entry was in, or the transfer order.</summary>
    public static readonly BankFailure FileRefused = new("REFUSED", "The bank refused the file or transfer order the payment was in", Retryable: false);
    /// <summary>Not the bank's answer but DirectPay's: a refund cannot settle once its payment came back.</summary>
    public static readonly BankFailure PaymentReturned = new("RETURNED", "The payment was returned before the refund settled", Retryable: false);

    /// <summary>Any return reason code a bank sends, the ones DirectPay names or another (final: start a new payment).</summary>
    public static BankFailure Of(string code) => FromCode(code) ?? new BankFailure(code, $"Returned by the receiving bank ({code})", Retryable: false);

    public static BankFailure? FromCode(string? code) => code switch
    {
        "R01" => InsufficientFunds,
        "R02" => AccountClosed,
        "R03" => NoAccount,
        "R04" => InvalidAccountNumber,
        "R09" => UncollectedFunds,
        "R10" => Unauthorized,
        _ => null,
    };
}
