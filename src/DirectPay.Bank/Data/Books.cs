namespace DirectPay.Bank.Data;

/// <summary>
/// An account at this bank or at a receiving bank behind it, by routing and account number. The simulator opens an
/// account it has not seen with an opening balance, as a sandbox does; DirectPay's settlement account opens at zero.
/// </summary>
public sealed class Account
{
    public required string RoutingNumber { get; init; }
    public required string AccountNumber { get; init; }
    public decimal Balance { get; set; }
    /// <summary>Debits this account has received, for the rule that refuses only a first one.</summary>
    public int DebitsReceived { get; set; }
    public DateTimeOffset OpenedAt { get; init; }
}

/// <summary>A movement on an account, as its statement shows it: the settlement account's lines are what DirectPay reconciles.</summary>
public sealed class Posting
{
    public Guid Id { get; init; }
    public required string RoutingNumber { get; init; }
    public required string AccountNumber { get; init; }
    /// <summary>Positive in, negative out.</summary>
    public decimal Amount { get; init; }
    public DateOnly BookedOn { get; init; }
    public required string Reference { get; init; }
    public required string Description { get; init; }
    public DateTimeOffset PostedAt { get; init; }
}

/// <summary>How far the bank's processing has come (banking time), and the next trace sequence of the replies it sends.</summary>
public sealed class ProcessingState
{
    public const int Singleton = 1;

    public int Id { get; init; } = Singleton;
    public DateTimeOffset ProcessedThrough { get; set; }
    public int NextReplySequence { get; set; } = 1;
}
