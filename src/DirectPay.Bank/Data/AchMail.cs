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
    public DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>One entry of a received file, waiting for its settlement date (the bank's processing works on these).</summary>
public sealed class ReceivedEntry
{
    public const string Received = "received";

    public Guid Id { get; init; }
    public Guid FileId { get; init; }
    public required string TraceNumber { get; init; }
    public int TransactionCode { get; init; }
    public required string SecCode { get; init; }
    public required string RoutingNumber { get; init; }
    public required string AccountNumber { get; init; }
    public decimal Amount { get; init; }
    public DateOnly EffectiveDate { get; init; }
    public string Status { get; set; } = Received;
}

/// <summary>A file the bank has for its customer (returns, notifications of change), kept until collected and after.</summary>
public sealed class OutboundFile
{
    public Guid Id { get; init; }
    public required string Kind { get; init; }
    public required string Name { get; init; }
    public required string Sha256 { get; init; }
    public required byte[] Content { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
