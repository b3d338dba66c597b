namespace DirectPay.Banking.Connection;

/// <summary>
/// An order to move money from one account to another over the instant (<c>instant</c>) or wire (<c>wire</c>) network,
/// as DirectPay gives it to its bank. <paramref name="Id"/> is DirectPay's, one per attempt (at most 35 characters, as
/// an ISO 20022 end-to-end id); <paramref name="Reference"/> is the payment's or refund's id the statements show.
/// </summary>
public sealed record TransferOrder(string Id, string Rail, TransferParty Debtor, TransferParty Creditor, decimal Amount, string Reference)
{
    public const int LongestId = 35;
}

public sealed record TransferParty(string RoutingNumber, string AccountNumber);

/// <summary>
/// Where a transfer stands at the bank: <c>pending</c> until its network answers (expected by
/// <paramref name="AnswerExpectedAt"/>), then <c>settled</c> (booked on <paramref name="BookedOn"/>, a banking date) or
/// <c>rejected</c> with the receiving bank's reason code.
/// </summary>
public sealed record TransferStatus(string Id, string Status, string? ReasonCode, DateTimeOffset? AnswerExpectedAt, DateOnly? BookedOn)
{
    public const string Pending = "pending";
    public const string Settled = "settled";
    public const string Rejected = "rejected";
}
