using DirectPay.Banking;
using DirectPay.Vault;

namespace DirectPay.Domain;

public enum AchEntryState { Queued, InFile, Refused }

/// <summary>
/// One ACH entry DirectPay originates, a renter's debit for a payment, a landlord's payout credit or a renter's refund
/// credit: queued for the file
/// of its cutoff, then in exactly one file, ever, with the trace number it got there and the date the ACH operator settles it.
/// </summary>
public sealed class AchEntry
{
    private AchEntry() { }

    public static AchEntry Collection(Payment payment, AchWindow window, DateTimeOffset now) =>
        Queued(payment.PayerAccountId, debit: true, payment.Amount, window, now, paymentId: payment.Id);

    public static AchEntry ForPayout(Payout payout, AchWindow window, DateTimeOffset now) =>
        Queued(payout.BankAccountId, debit: false, payout.Amount, window, now, payoutId: payout.Id);

    /// <summary>A renter's refund of a payment collected into the settlement account: a credit back from there.</summary>
    public static AchEntry ForRefund(Refund refund, Guid renterAccountId, AchWindow window, DateTimeOffset now) =>
        Queued(renterAccountId, debit: false, refund.Amount, window, now, refundId: refund.Id);

    private static AchEntry Queued(Guid accountId, bool debit, decimal amount, AchWindow window, DateTimeOffset now,
        Guid? paymentId = null, Guid? payoutId = null, Guid? refundId = null) => new()
    {
        Id = Guid.CreateVersion7(),
        PaymentId = paymentId,
        PayoutId = payoutId,
        RefundId = refundId,
        BankAccountId = accountId,
        Debit = debit,
        Amount = amount,
        CutoffAt = window.Cutoff,
        EffectiveDate = window.EffectiveDate,
        SettlementDate = window.SettlementDate,
        State = AchEntryState.Queued,
        CreatedAt = now,
    };

    public Guid Id { get; private set; }
    /// <summary>The payment a debit collects; none for a credit.</summary>
    public Guid? PaymentId { get; private set; }
    /// <summary>The payout a credit pays, or the refund it sends back; none for a collection.</summary>
    public Guid? PayoutId { get; private set; }
    public Guid? RefundId { get; private set; }
    /// <summary>The receiver's account: debited for a collection, credited for a payout or refund.</summary>
    public Guid BankAccountId { get; private set; }
    public bool Debit { get; private set; }
    public decimal Amount { get; private set; }
    /// <summary>The cutoff of the file this entry joins (banking time).</summary>
    public DateTimeOffset CutoffAt { get; private set; }
    public DateOnly EffectiveDate { get; private set; }
    /// <summary>Expected when queued; the ACH operator's once the bank acknowledges the file.</summary>
    public DateOnly SettlementDate { get; private set; }
    public AchEntryState State { get; private set; }
    public Guid? AchFileId { get; private set; }
    public int? BatchNumber { get; private set; }
    public string? TraceNumber { get; private set; }
    /// <summary>The banking date the receiving bank's return was booked (its file's date) and its code: the money came back.</summary>
    public DateOnly? ReturnedOn { get; private set; }
    public string? ReturnCode { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The bank reversed this entry's settlement on <paramref name="bookedOn"/>, whatever that does to its payment.</summary>
    public void RecordReturn(string code, DateOnly bookedOn)
    {
        ReturnCode ??= code;
        ReturnedOn ??= bookedOn;
    }

    public void PutInFile(Guid fileId, int batchNumber, string traceNumber)
    {
        if (State != AchEntryState.Queued) throw new InvalidOperationException($"ACH entry {Id} is already in a file.");
        State = AchEntryState.InFile;
        AchFileId = fileId;
        BatchNumber = batchNumber;
        TraceNumber = traceNumber;
    }

    public void Settles(DateOnly settlementDate) => SettlementDate = settlementDate;

    public void Refuse() => State = AchEntryState.Refused;
}

public enum AchFileDirection { Sent, Received }

public enum AchFileState { Recorded, Acknowledged, Refused, Applied }

/// <summary>
/// A NACHA file DirectPay sent its bank or received from it, sealed by the vault (files carry full account numbers).
/// A sent file is recorded before it is sent and sent until the bank acknowledges it; a received one is applied once.
/// </summary>
public sealed class AchFile
{
    public const string Origination = "origination";
    public const string Returns = "returns";
    public const string NotificationsOfChange = "notifications_of_change";

    private AchFile() { }

    public AchFile(Guid id, AchFileDirection direction, string kind, Banking.Nacha.NachaFile file, string sha256, Sealed content, DateTimeOffset now)
    {
        Id = id;
        Direction = direction;
        Kind = kind;
        ImmediateOrigin = file.Header.ImmediateOrigin;
        CreationDate = file.Header.CreationDate;
        FileIdModifier = file.Header.FileIdModifier.ToString();
        Sha256 = sha256;
        KeyId = content.KeyId;
        Ciphertext = content.Ciphertext;
        EntryCount = file.Entries.Count();
        TotalDebit = file.TotalDebits;
        TotalCredit = file.TotalCredits;
        State = AchFileState.Recorded;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public AchFileDirection Direction { get; private set; }
    /// <summary><see cref="Origination"/>, <see cref="Returns"/> or <see cref="NotificationsOfChange"/>.</summary>
    public string Kind { get; private set; } = "";
    public string ImmediateOrigin { get; private set; } = "";
    public DateOnly CreationDate { get; private set; }
    public string FileIdModifier { get; private set; } = "";
    public string Sha256 { get; private set; } = "";
    public string KeyId { get; private set; } = "";
    public byte[] Ciphertext { get; private set; } = [];
    public int EntryCount { get; private set; }
    public decimal TotalDebit { get; private set; }
    public decimal TotalCredit { get; private set; }
    public AchFileState State { get; private set; }
    /// <summary>The bank's id for the file: its acknowledgement's for a sent file, its listing's for a received one.</summary>
    public Guid? BankFileId { get; private set; }
    /// <summary>Why the bank refused a sent file.</summary>
    public string? Problem { get; private set; }
    /// <summary>Entries of a received file that match nothing DirectPay sent.</summary>
    public int UnmatchedEntries { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>The file's bytes sealed for this file alone.</summary>
    public static Sealed Seal(VaultProtector vault, Guid id, byte[] bytes) => vault.Protect(VaultPurposes.AchFile, id, bytes);

    /// <summary>The file's exact bytes; throws <see cref="VaultException"/> when they cannot be opened.</summary>
    public byte[] Open(VaultProtector vault) => vault.Unprotect(VaultPurposes.AchFile, Id, new Sealed(KeyId, Ciphertext));

    public void Acknowledge(Guid bankFileId, DateTimeOffset now) => Finish(AchFileState.Acknowledged, bankFileId, now);

    public void Refuse(string problem, DateTimeOffset now)
    {
        Problem = problem.Length > 500 ? problem[..500] : problem;
        Finish(AchFileState.Refused, null, now);
    }

    public void Applied(Guid? bankFileId, int unmatchedEntries, DateTimeOffset now)
    {
        UnmatchedEntries = unmatchedEntries;
        Finish(AchFileState.Applied, bankFileId, now);
    }

    /// <summary>A file applied before (handed in by hand) is the one the bank lists under this id.</summary>
    public void IdentifyAs(Guid bankFileId) => BankFileId ??= bankFileId;

    private void Finish(AchFileState state, Guid? bankFileId, DateTimeOffset now)
    {
        if (State != AchFileState.Recorded) throw new InvalidOperationException($"ACH file {Id} is already {State}.");
        State = state;
        BankFileId = bankFileId;
        CompletedAt = now;
    }
}

/// <summary>
/// Where DirectPay's exchange with its bank stands, a row per side, each locked by the one worker doing that side's
/// round: the next trace number of the files it sends, and the banking time through which it has applied the bank's files.
/// </summary>
public sealed class AchCursor
{
    public const string Origination = "origination";
    public const string Collection = "collection";
    /// <summary>Locked by the one worker making a day's payouts.</summary>
    public const string Payouts = "payouts";

    private AchCursor() { }

    public AchCursor(string name) => Name = name;

    public string Name { get; private set; } = "";
    public int NextTraceSequence { get; set; } = 1;
    public DateTimeOffset? CollectedThrough { get; set; }
}
