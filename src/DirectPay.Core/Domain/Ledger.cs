namespace DirectPay.Domain;

public enum LedgerAccountKind { BankAccount, RailClearing, Settlement }

/// <summary>
/// An account in DirectPay's double-entry books: one per bank account, one clearing account per rail, and DirectPay's
/// settlement account at its bank, through which ACH collections come in and payouts and refunds go out.
/// Its balance is kept with its entries, in the same transaction, and must always equal their sum.
/// </summary>
public sealed class LedgerAccount
{
    private LedgerAccount() { }

    private LedgerAccount(Guid id, LedgerAccountKind kind, Guid? bankAccountId, PaymentRail? rail)
    {
        Id = id;
        Kind = kind;
        BankAccountId = bankAccountId;
        Rail = rail;
    }

    public static LedgerAccount For(BankAccount account) => new(Guid.CreateVersion7(), LedgerAccountKind.BankAccount, account.Id, null);

    /// <summary>The fixed ids of the rails' clearing accounts (seeded by the migration).</summary>
    public static Guid ClearingId(PaymentRail rail) => new($"00000000-0000-0000-0000-00000000000{(int)rail + 1}");

    public static LedgerAccount Clearing(PaymentRail rail) => new(ClearingId(rail), LedgerAccountKind.RailClearing, null, rail);

    /// <summary>The fixed id of DirectPay's settlement account (seeded by the migration).</summary>
    public static readonly Guid SettlementId = new("00000000-0000-0000-0000-000000000100");

    public Guid Id { get; private set; }
    public LedgerAccountKind Kind { get; private set; }
    public Guid? BankAccountId { get; private set; }
    public PaymentRail? Rail { get; private set; }
    /// <summary>Money in minus money out, as the entries say.</summary>
    public decimal Balance { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
}

/// <summary>
/// One line of a ledger transaction: a signed amount on one account (positive: money in; negative: money out).
/// The lines of a transaction always sum to zero.
/// </summary>
public sealed class LedgerEntry
{
    private LedgerEntry() { }

    public LedgerEntry(Guid transactionId, Guid ledgerAccountId, decimal amount, string sourceType, Guid sourceId, string description)
    {
        TransactionId = transactionId;
        LedgerAccountId = ledgerAccountId;
        Amount = amount;
        SourceType = sourceType;
        SourceId = sourceId;
        Description = description;
    }

    public long Id { get; private set; }
    public Guid TransactionId { get; private set; }
    public Guid LedgerAccountId { get; private set; }
    public decimal Amount { get; private set; }
    public string SourceType { get; private set; } = "";
    public Guid SourceId { get; private set; }
    public string Description { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
}

/// <summary>The postings of each money movement, balanced by construction.</summary>
public static class Postings
{
    public const string PaymentSource = "payment";
    public const string RefundSource = "refund";
    public const string ReturnSource = "return";
    public const string RefundReturnSource = "refund_return";
    public const string PayoutSource = "payout";
    public const string PayoutReturnSource = "payout_return";

    /// <summary>A settled payment: out of the payer's account into the rail's clearing, out of clearing into the payee's.</summary>
    public static IReadOnlyList<LedgerEntry> Settlement(Payment payment, Guid payerLedgerId, Guid payeeLedgerId) =>
        Move(payment.Amount, from: payerLedgerId, to: payeeLedgerId, payment.Rail, PaymentSource, payment.Id, "Rent payment settled");

    /// <summary>A settled refund: the way back, out of the payee's account through the refund rail's clearing into the payer's.</summary>
    public static IReadOnlyList<LedgerEntry> Refund(Refund refund, Guid payerLedgerId, Guid payeeLedgerId) =>
        Move(refund.Amount, from: payeeLedgerId, to: payerLedgerId, refund.Rail, RefundSource, refund.Id, "Rent refunded");

    /// <summary>A completed refund's credit the renter's bank sent back: the refund reversed, payer → clearing → payee.</summary>
    public static IReadOnlyList<LedgerEntry> RefundReturn(Refund refund, Guid payerLedgerId, Guid payeeLedgerId) =>
        Move(refund.Amount, from: payerLedgerId, to: payeeLedgerId, refund.Rail, RefundReturnSource, refund.Id,
            $"Rent refund returned ({refund.FailureCode})");

    /// <summary>A returned payment: the settlement reversed, payee → clearing → payer, recorded against the payment.</summary>
    public static IReadOnlyList<LedgerEntry> Return(Payment payment, Guid payerLedgerId, Guid payeeLedgerId) =>
        Move(payment.Amount, from: payeeLedgerId, to: payerLedgerId, payment.Rail, ReturnSource, payment.Id,
            $"Rent payment returned ({payment.FailureCode})");

    /// <summary>A paid payout: out of the settlement account through ACH clearing into the landlord's account.</summary>
    public static IReadOnlyList<LedgerEntry> Payout(Payout payout, Guid landlordLedgerId) =>
        Move(payout.Amount, from: LedgerAccount.SettlementId, to: landlordLedgerId, PaymentRail.StandardAch, PayoutSource, payout.Id, "Payout paid");

    /// <summary>A paid payout the landlord's bank returned late: the money back into the settlement account.</summary>
    public static IReadOnlyList<LedgerEntry> PayoutReturn(Payout payout, Guid landlordLedgerId) =>
        Move(payout.Amount, from: landlordLedgerId, to: LedgerAccount.SettlementId, PaymentRail.StandardAch, PayoutReturnSource, payout.Id,
            $"Payout returned ({payout.FailureCode})");

    /// <summary>One ledger transaction: out of one account into the rail's clearing account, and out of clearing into the other.</summary>
    private static IReadOnlyList<LedgerEntry> Move(decimal amount, Guid from, Guid to, PaymentRail rail, string source, Guid sourceId, string what)
    {
        var transaction = Guid.CreateVersion7();
        var clearing = LedgerAccount.ClearingId(rail);
        return
        [
            new(transaction, from, -amount, source, sourceId, what),
            new(transaction, clearing, amount, source, sourceId, what),
            new(transaction, clearing, -amount, source, sourceId, what),
            new(transaction, to, amount, source, sourceId, what),
        ];
    }
}
