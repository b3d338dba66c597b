namespace DirectPay.Banking.Nacha;

/// <summary>
/// A NACHA file as its records say it; the control records are not kept because they follow from the batches, and
/// the reader refuses a file whose controls do not.
/// </summary>
public sealed record NachaFile(NachaFileHeader Header, IReadOnlyList<NachaBatch> Batches)
{
    public int EntryAndAddendaCount => Batches.Sum(b => b.EntryAndAddendaCount);
    public long EntryHash => Batches.Sum(b => b.EntryHash) % NachaBatch.EntryHashModulus;
    public decimal TotalDebits => Batches.Sum(b => b.TotalDebits);
    public decimal TotalCredits => Batches.Sum(b => b.TotalCredits);

    /// <summary>Records before padding: file header and control, and each batch's header, control, entries and addenda.</summary>
    public int RecordCount => 2 + Batches.Sum(b => 2 + b.EntryAndAddendaCount);

    public int BlockCount => (RecordCount + NachaRecord.BlockingFactor - 1) / NachaRecord.BlockingFactor;

    public IEnumerable<NachaEntry> Entries => Batches.SelectMany(b => b.Entries);
}

/// <param name="ImmediateDestination">The receiving point's routing number (9 digits), or 10 digits.</param>
/// <param name="ImmediateOrigin">The sender's routing number or the 10-character id its bank assigned.</param>
/// <param name="CreationTime">Optional in the format; null when blank.</param>
/// <param name="FileIdModifier">A-Z or 0-9, telling apart files sent on the same day.</param>
public sealed record NachaFileHeader(
    string ImmediateDestination,
    string ImmediateOrigin,
    DateOnly CreationDate,
    TimeOnly? CreationTime,
    char FileIdModifier,
    string DestinationName,
    string OriginName,
    string ReferenceCode = "");

public sealed record NachaBatch(NachaBatchHeader Header, IReadOnlyList<NachaEntry> Entries, string MessageAuthenticationCode = "")
{
    public const long EntryHashModulus = 10_000_000_000;

    public int EntryAndAddendaCount => Entries.Count + Entries.Sum(e => e.Addenda.Count);

    /// <summary>The sum of the receiving banks' 8-digit routing prefixes, its rightmost 10 digits kept.</summary>
    public long EntryHash => Entries.Sum(e => (long)e.RdfiIdentification) % EntryHashModulus;

    public decimal TotalDebits => Entries.Where(e => TransactionCodes.IsDebit(e.TransactionCode)).Sum(e => e.Amount);
    public decimal TotalCredits => Entries.Where(e => TransactionCodes.IsCredit(e.TransactionCode)).Sum(e => e.Amount);
}

/// <param name="ServiceClassCode">200 mixed, 220 credits only, 225 debits only.</param>
/// <param name="DescriptiveDate">Free text the receiver sees, such as "DEC 26".</param>
/// <param name="EffectiveEntryDate">The date the originator wants the entries settled; null when blank.</param>
/// <param name="SettlementDate">The Julian day the ACH operator inserts; blank in a file an originator sends.</param>
/// <param name="OdfiIdentification">The originating bank's 8-digit routing prefix.</param>
public sealed record NachaBatchHeader(
    int ServiceClassCode,
    string CompanyName,
    string CompanyDiscretionaryData,
    string CompanyIdentification,
    string SecCode,
    string EntryDescription,
    string DescriptiveDate,
    DateOnly? EffectiveEntryDate,
    string SettlementDate,
    char OriginatorStatusCode,
    string OdfiIdentification,
    int BatchNumber);

/// <param name="RoutingNumber">The receiving bank's 9-digit routing number, its check digit last.</param>
/// <param name="IdentificationNumber">The originator's reference for the receiver (the Individual Identification Number).</param>
/// <param name="ReceiverName">The receiver's (or receiving company's) name.</param>
/// <param name="DiscretionaryData">For WEB entries the payment type code: R recurring, S single.</param>
/// <param name="TraceNumber">15 digits: the originating bank's 8-digit prefix and a 7-digit sequence.</param>
public sealed record NachaEntry(
    int TransactionCode,
    string RoutingNumber,
    string AccountNumber,
    decimal Amount,
    string IdentificationNumber,
    string ReceiverName,
    string DiscretionaryData,
    string TraceNumber,
    IReadOnlyList<NachaAddenda> Addenda)
{
    public int RdfiIdentification => int.Parse(RoutingNumber.AsSpan(0, 8));

    public ReturnAddenda? Return => Addenda.OfType<ReturnAddenda>().FirstOrDefault();
    public ChangeAddenda? Change => Addenda.OfType<ChangeAddenda>().FirstOrDefault();
}

public abstract record NachaAddenda(string TypeCode);

/// <summary>Addenda 05: payment related information for the receiver.</summary>
public sealed record PaymentAddenda(string Information, int SequenceNumber) : NachaAddenda("05");

/// <summary>Addenda 99: the receiving bank returns the entry whose trace number it names.</summary>
/// <param name="DateOfDeath">Given with R14 and R15; null when blank.</param>
public sealed record ReturnAddenda(
    string ReturnCode, string OriginalTraceNumber, DateOnly? DateOfDeath, string OriginalRdfi, string Information)
    : NachaAddenda("99");

/// <summary>Addenda 98: a notification of change, with the data the originator must use from now on.</summary>
public sealed record ChangeAddenda(string ChangeCode, string OriginalTraceNumber, string OriginalRdfi, string CorrectedData)
    : NachaAddenda("98");

/// <summary>An addenda type DirectPay does not interpret (POS 02, IAT 10-18), kept as its positions 4-94.</summary>
public sealed record OtherAddenda(string Type, string Content) : NachaAddenda(Type);
