namespace DirectPay.Banking.Nacha;

/// <summary>DirectPay as an originator, as its bank (the ODFI) knows it.</summary>
/// <param name="OdfiRouting">The ODFI's routing number: the files' destination and the trace numbers' prefix.</param>
/// <param name="ImmediateOrigin">The id the ODFI gave DirectPay for its files.</param>
/// <param name="CompanyIdentification">DirectPay's company id in each batch (usually "1" and its EIN).</param>
public sealed record AchOriginator(
    string OdfiRouting, string OdfiName, string ImmediateOrigin, string OriginName, string CompanyName, string CompanyIdentification);

/// <summary>The company entry descriptions receivers see; Nacha requires the last two words for what they name.</summary>
public static class EntryDescriptions
{
    public const string Rent = "RENT";
    public const string Reinitiated = "RETRY PYMT";
    public const string AccountVerification = "ACCTVERIFY";
    public const string Payout = "RENT PAYMT";
    public const string Refund = "REFUND";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Rent, Reinitiated, AccountVerification, Payout, Refund };
}

public enum WebPaymentType { Recurring, Single }

/// <summary>One entry DirectPay originates; a prenote carries no amount.</summary>
/// <param name="SecCode">WEB for renters' debits authorized online, PPD for credits to people, CCD to companies.</param>
/// <param name="PaymentType">For WEB entries: a recurring (autopay) or single authorization.</param>
public sealed record OutgoingEntry(
    string SecCode,
    string Description,
    DateOnly EffectiveDate,
    bool Debit,
    AchAccountType AccountType,
    string RoutingNumber,
    string AccountNumber,
    decimal Amount,
    string ReceiverId,
    string ReceiverName,
    WebPaymentType? PaymentType = null,
    bool Prenote = false,
    string? PaymentInformation = null);

/// <summary>A file ready to send, and the trace number each entry got (in the order the entries were given).</summary>
public sealed record OriginationFile(NachaFile File, byte[] Bytes, IReadOnlyList<string> TraceNumbers, int NextSequence);

/// <summary>Builds the files DirectPay sends its bank and checks each against the rules before it can be sent.</summary>
public static class NachaOrigination
{
    public const int LargestSequence = 9_999_999;

    /// <summary>
    /// Batches the entries by SEC code, description and effective date (in the order first seen) and numbers their
    /// traces from <paramref name="nextSequence"/>, starting again at 1 when the sequence would wrap within the file.
    /// </summary>
    public static OriginationFile Build(
        AchOriginator originator, DateTimeOffset createdAt, char fileIdModifier, int nextSequence, IReadOnlyList<OutgoingEntry> entries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(entries.Count, 1);
        ArgumentOutOfRangeException.ThrowIfNotEqual(nextSequence is >= 1 and <= LargestSequence, true, nameof(nextSequence));
        var sequence = nextSequence + entries.Count - 1 > LargestSequence ? 1 : nextSequence;
        var odfi = originator.OdfiRouting[..8];
        var traces = new string[entries.Count];
        var batches = new List<NachaBatch>();
        foreach (var group in entries.Select((entry, index) => (entry, index)).GroupBy(x => (x.entry.SecCode, x.entry.Description, x.entry.EffectiveDate)))
        {
            var items = new List<NachaEntry>();
            foreach (var (entry, index) in group)
            {
                traces[index] = $"{odfi}{sequence++:D7}";
                items.Add(ToNacha(entry, traces[index]));
            }
            var serviceClass = items.All(e => TransactionCodes.IsDebit(e.TransactionCode)) ? 225
                : items.All(e => TransactionCodes.IsCredit(e.TransactionCode)) ? 220 : 200;
            batches.Add(new NachaBatch(new NachaBatchHeader(serviceClass, AchText.Field(originator.CompanyName, 16), "",
                originator.CompanyIdentification, group.Key.SecCode, group.Key.Description, "", group.Key.EffectiveDate, "", '1', odfi,
                batches.Count + 1), items));
        }

        var local = FedCalendar.InNewYork(createdAt);
        var header = new NachaFileHeader(originator.OdfiRouting, originator.ImmediateOrigin, DateOnly.FromDateTime(local),
            new TimeOnly(local.Hour, local.Minute), fileIdModifier, AchText.Field(originator.OdfiName, 23), AchText.Field(originator.OriginName, 23));
        var file = new NachaFile(header, batches);
        var bytes = NachaWriter.Write(file);
        Validate(bytes, originator);
        return new OriginationFile(file, bytes, traces, sequence > LargestSequence ? 1 : sequence);
    }

    /// <summary>Reads a file DirectPay is about to send and holds it to what DirectPay may originate; throws the reader's error otherwise.</summary>
    public static NachaFile Validate(ReadOnlySpan<byte> bytes, AchOriginator originator) =>
        NachaOriginationRules.Check(NachaReader.Read(bytes), originator);

    private static NachaEntry ToNacha(OutgoingEntry e, string trace)
    {
        var paymentType = e.PaymentType switch { WebPaymentType.Recurring => "R", WebPaymentType.Single => "S", _ => "" };
        List<NachaAddenda> addenda = e.PaymentInformation is { } info ? [new PaymentAddenda(AchText.Field(info, 80), 1)] : [];
        return new NachaEntry(TransactionCodes.For(e.AccountType, e.Debit, e.Prenote), e.RoutingNumber, e.AccountNumber,
            e.Prenote ? 0m : e.Amount, AchText.Field(e.ReceiverId, 15), AchText.Field(e.ReceiverName, 22), paymentType, trace, addenda);
    }
}
