namespace DirectPay.Bank.Data;

/// <summary>A NACHA file the bank took from its customer, kept byte for byte, with what it counted.</summary>
public sealed class ReceivedFile
{
    public Guid Id { get; init; }
    public required string ImmediateOrigin { get; init; }
    public DateOnly CreationDate { get; init; }
    public required string FileIdModifier { get; init; }
    public required string Sha256 { get; init; }
    public required byte[] Content { get; init; }
    public int EntryCount { get; init; }
    public decimal TotalDebit { get; init; }
    public decimal TotalCredit { get; init; }
    /// <summary>Banking time, as everything the bank does.</summary>
    public DateTimeOffset ReceivedAt { get; init; }
}

public enum EntryStatus { Received, Settled, Returned }

/// <summary>
/// One entry of a received file as the bank processes it: it settles at <see cref="SettlesAt"/> and may be answered
/// later by a return or a notification of change. What a return must repeat of the original is kept with it.
/// </summary>
public sealed class ReceivedEntry
{
    public Guid Id { get; init; }
    public Guid FileId { get; init; }
    public int BatchNumber { get; init; }
    public required string TraceNumber { get; init; }
    public int TransactionCode { get; init; }
    public required string SecCode { get; init; }
    public required string CompanyName { get; init; }
    public required string CompanyIdentification { get; init; }
    public required string EntryDescription { get; init; }
    public required string RoutingNumber { get; init; }
    public required string AccountNumber { get; init; }
    public decimal Amount { get; init; }
    public required string IdentificationNumber { get; init; }
    public required string ReceiverName { get; init; }
    /// <summary>For WEB debits the payment type (R or S), which a return repeats.</summary>
    public string DiscretionaryData { get; init; } = "";
    public DateOnly EffectiveDate { get; init; }
    public DateOnly SettlementDate { get; init; }
    public DateTimeOffset SettlesAt { get; init; }
    public EntryStatus Status { get; set; } = EntryStatus.Received;
    /// <summary>Whether the receiver's account was posted (a return of an entry never posted gives nothing back to it).</summary>
    public bool PostedToReceiver { get; set; }
}

public enum ReplyKind { Return, NotificationOfChange }

/// <summary>What a receiving bank decided to send back about an entry, and when; it goes out in the next file after <see cref="DueAt"/>.</summary>
public sealed class ScheduledReply
{
    public Guid Id { get; init; }
    public Guid EntryId { get; init; }
    public ReplyKind Kind { get; init; }
    /// <summary>An R-code or a C-code.</summary>
    public required string Code { get; init; }
    public string CorrectedData { get; init; } = "";
    public DateTimeOffset DueAt { get; init; }
    public Guid? OutboundFileId { get; set; }
}

/// <summary>A file the bank has for its customer (returns, notifications of change), kept until collected and after.</summary>
public sealed class OutboundFile
{
    public const string Returns = "returns";
    public const string NotificationsOfChange = "notifications_of_change";

    public Guid Id { get; init; }
    public required string Kind { get; init; }
    public required string Name { get; init; }
    public required string Sha256 { get; init; }
    public required byte[] Content { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
