namespace DirectPay.Banking.Connection;

/// <summary>
/// Everything DirectPay exchanges with its bank (the ODFI), and nothing more: files handed over and files collected, as
/// banks offer them over SFTP or an API, and transfer orders on the instant and wire networks. The simulator is one
/// implementation; a real bank is another adapter.
/// </summary>
public interface IBankConnection
{
    /// <summary>
    /// Hands the bank a NACHA file. The bank answers a file it already holds (same origin, creation date and file ID
    /// modifier) with its original acknowledgement, so sending again after a crash is safe.
    /// </summary>
    /// <exception cref="BankRefusedException">The bank cannot take the file, and never will.</exception>
    Task<FileAcknowledgement> SubmitAchFileAsync(byte[] file, CancellationToken ct);

    /// <summary>
    /// The files the bank holds for DirectPay (returns, notifications of change) created at or after
    /// <paramref name="since"/>, oldest first, and the banking time through which the list is complete.
    /// </summary>
    Task<BankFileList> ListFilesAsync(DateTimeOffset since, CancellationToken ct);

    /// <summary>One of those files, byte for byte.</summary>
    Task<byte[]> GetFileAsync(Guid id, CancellationToken ct);

    /// <summary>
    /// Gives the bank an order to move money on the instant or wire network. The bank holds one transfer per order id and
    /// answers an id it already holds with that transfer's status, so sending again after a lost answer is safe.
    /// </summary>
    /// <exception cref="BankRefusedException">The bank cannot take the order (malformed, or the id names another order).</exception>
    Task<TransferStatus> SendTransferAsync(TransferOrder order, CancellationToken ct);

    /// <summary>Where a transfer stands, or null when the bank holds no transfer of that id (it never arrived).</summary>
    Task<TransferStatus?> GetTransferAsync(string id, CancellationToken ct);

    /// <summary>DirectPay's settlement account on one banking date, as the bank's balance report gives it.</summary>
    Task<SettlementAccountDay> GetSettlementDayAsync(DateOnly date, CancellationToken ct);
}

/// <summary>
/// A day of the settlement account at the bank: opening balance, what was booked in and out, closing balance; final once
/// the bank's processing has passed the day's end.
/// </summary>
public sealed record SettlementAccountDay(DateOnly Date, decimal OpeningBalance, decimal Credits, decimal Debits, decimal ClosingBalance, bool Final);

/// <summary>
/// What the bank says of a file it holds: its identity, what it counted, the digest of the bytes it keeps, and the
/// date each batch settles (the ACH operator's, which is the effective date unless the file came too late for it).
/// </summary>
public sealed record FileAcknowledgement(
    Guid FileId,
    string ImmediateOrigin,
    DateOnly CreationDate,
    string FileIdModifier,
    string Sha256,
    int EntryCount,
    decimal TotalDebit,
    decimal TotalCredit,
    DateTimeOffset ReceivedAt,
    IReadOnlyList<BatchSettlement> Settlements);

public sealed record BatchSettlement(int BatchNumber, DateOnly SettlementDate);

/// <summary>
/// A page of the bank's files for DirectPay. Every file the bank wrote up to <paramref name="CompleteThrough"/> (banking
/// time) is in it or an earlier page, so DirectPay knows no return due by then is still to come.
/// </summary>
public sealed record BankFileList(DateTimeOffset CompleteThrough, IReadOnlyList<BankFileListing> Files);

/// <summary>A file the bank has for DirectPay: <c>returns</c> or <c>notifications_of_change</c>.</summary>
public sealed record BankFileListing(Guid Id, string Kind, string Name, DateTimeOffset CreatedAt, string Sha256);

/// <summary>The bank refused a file or an order for what it is (400 malformed, 409 or 422 not DirectPay's to send): sending it again cannot help.</summary>
public sealed class BankRefusedException(int status, string detail) : Exception($"The bank refused it ({status}): {detail}")
{
    public int Status { get; } = status;
    public string Detail { get; } = detail;
}
