namespace DirectPay.Bank.Data;

public enum TransferState { Pending, Settled, Rejected }

/// <summary>
/// A transfer order DirectPay gave the bank on the instant or wire network: held from the moment it arrives, one per
/// order id, and answered once its network's time has passed.
/// </summary>
public sealed class Transfer
{
    public required string Id { get; init; }
    public required string Rail { get; init; }
    public required string DebtorRouting { get; init; }
    public required string DebtorAccount { get; init; }
    public required string CreditorRouting { get; init; }
    public required string CreditorAccount { get; init; }
    public decimal Amount { get; init; }
    public required string Reference { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    /// <summary>When the network answers: the rail's time (seconds for instant, more for a wire), times the time scale.</summary>
    public DateTimeOffset AnswerAt { get; init; }
    public TransferState State { get; set; }
    public string? ReasonCode { get; set; }
    /// <summary>The banking date the money moved, once settled.</summary>
    public DateOnly? BookedOn { get; set; }
}
