namespace DirectPay.Banking.Nacha;

/// <summary>The fields of each record type at the positions the NACHA Operating Rules give them, and the controls' checks.</summary>
internal static class NachaRecords
{
    public static NachaFileHeader FileHeader(NachaRecord r)
    {
        r.Expect(2, "01", "priority code");
        var destination = r.Span(4, 10).Trim(' ').ToString();
        if (!(destination.Length == 10 && !destination.AsSpan().ContainsAnyExceptInRange('0', '9') || RoutingNumbers.IsValid(destination)))
            throw r.Error("immediate destination", $"'{destination}' is not a routing number");
        var origin = r.Span(14, 10).Trim(' ').ToString();
        if (origin.Length == 0) throw r.Error("immediate origin", "is blank");
        var date = r.Date(24, "file creation date");
        var time = r.OptionalTime(30, "file creation time");
        var modifier = r.Span(34, 1)[0];
        if (!char.IsAsciiLetterUpper(modifier) && !char.IsAsciiDigit(modifier))
            throw r.Error("file ID modifier", $"'{modifier}' is not A-Z or 0-9");
        r.Expect(35, "094", "record size");
        r.Expect(38, "10", "blocking factor");
        r.Expect(40, "1", "format code");
        return new(destination, origin, date, time, modifier, r.Text(41, 23), r.Text(64, 23), r.Text(87, 8));
    }

    public static NachaBatchHeader BatchHeader(NachaRecord r)
    {
        var serviceClass = (int)r.Number(2, 3, "service class code");
        if (serviceClass is not (200 or 220 or 225)) throw r.Error("service class code", $"'{serviceClass}' is not 200, 220 or 225");
        var status = r.Span(79, 1)[0];
        if (status is not ('0' or '1' or '2')) throw r.Error("originator status code", $"'{status}' is not 0, 1 or 2");
        var settlement = r.Span(76, 3).IsWhiteSpace() ? "" : r.Span(76, 3).ToString();
        if (settlement.Length > 0 && (settlement.AsSpan().ContainsAnyExceptInRange('0', '9') || int.Parse(settlement, System.Globalization.CultureInfo.InvariantCulture) is < 1 or > 366))
            throw r.Error("settlement date", $"'{settlement}' is not a Julian day");
        return new(serviceClass, r.Text(5, 16), r.Text(21, 20), r.Text(41, 10), r.SecCode(51), r.RequiredText(54, 10, "company entry description"),
            r.Text(64, 6), r.OptionalDate(70, "effective entry date"), settlement, status, r.Digits(80, 8, "originating DFI identification"),
            (int)r.Number(88, 7, "batch number"));
    }

    public static (NachaEntry Entry, bool HasAddenda) Entry(NachaRecord r, NachaBatchHeader batch)
    {
        var code = (int)r.Number(2, 2, "transaction code");
        if (!TransactionCodes.IsKnown(code)) throw r.Error("transaction code", $"'{code}' is not a transaction code");
        if (batch.ServiceClassCode == 220 && TransactionCodes.IsDebit(code)) throw r.Error("transaction code", $"a debit ({code}) in a credits-only batch (220)");
        if (batch.ServiceClassCode == 225 && TransactionCodes.IsCredit(code)) throw r.Error("transaction code", $"a credit ({code}) in a debits-only batch (225)");
        var routing = r.Routing(4, "receiving DFI identification");
        var amount = r.Amount(30, 10, "amount");
        if (amount != 0 && TransactionCodes.CarriesNoAmount(code)) throw r.Error("amount", $"a prenote or zero-dollar entry ({code}) carries 0, not {amount:0.00}");
        if (amount == 0 && TransactionCodes.MovesMoney(code)) throw r.Error("amount", $"a live entry ({code}) carries an amount; a prenote or zero-dollar entry has its own code");
        var trace = r.Digits(80, 15, "trace number");
        if (!trace.AsSpan(0, 8).SequenceEqual(batch.OdfiIdentification))
            throw r.Error("trace number", $"'{trace}' does not begin with the batch's originating DFI {batch.OdfiIdentification}");
        var indicator = r.Span(79, 1)[0];
        if (indicator is not ('0' or '1')) throw r.Error("addenda record indicator", $"'{indicator}' is not 0 or 1");
        var entry = new NachaEntry(code, routing, r.RequiredText(13, 17, "DFI account number"), amount, r.Text(40, 15), r.Text(55, 22),
            r.Text(77, 2), trace, []);
        return (entry, indicator == '1');
    }

    public static NachaAddenda Addenda(NachaRecord r, NachaBatchHeader batch, NachaEntry entry, int before)
    {
        var type = r.Digits(2, 2, "addenda type code");
        switch (type)
        {
            case "05":
                var sequence = (int)r.Number(84, 4, "addenda sequence number");
                if (sequence != before + 1) throw r.Error("addenda sequence number", $"{sequence}, not {before + 1}");
                if (!r.Span(88, 7).SequenceEqual(entry.TraceNumber.AsSpan(8)))
                    throw r.Error("entry detail sequence number", $"'{r.Span(88, 7)}' is not the entry's trace sequence {entry.TraceNumber[8..]}");
                return new PaymentAddenda(r.Text(4, 80), sequence);
            case "99":
                SameTrace(r, entry);
                return new ReturnAddenda(Code(r, 'R', "return reason code"), r.Digits(7, 15, "original entry trace number"),
                    r.OptionalDate(22, "date of death"), r.Digits(28, 8, "original receiving DFI identification"), r.Text(36, 44));
            case "98":
                if (batch.SecCode != "COR") throw r.Error("addenda type code", "an addenda 98 belongs in a COR batch");
                SameTrace(r, entry);
                var change = Code(r, 'C', "change code");
                var corrected = r.Text(36, 29);
                if (NocCorrection.Read(change, corrected, out var problem) is null) throw r.Error("corrected data", problem!);
                return new ChangeAddenda(change, r.Digits(7, 15, "original entry trace number"), r.Digits(28, 8, "original receiving DFI identification"), corrected);
            default:
                return new OtherAddenda(type, r.Text(4, 91));
        }
    }

    /// <summary>How many addenda an entry may carry, and which kinds, by its batch's SEC code.</summary>
    public static void CheckAddenda(NachaRecord r, NachaBatchHeader batch, NachaEntry entry)
    {
        var most = batch.SecCode is "ATX" or "CTX" or "ENR" or "TRX" or "IAT" ? 9999 : 1;
        if (entry.Addenda.Count > most) throw r.Error("addenda record indicator", $"{entry.Addenda.Count} addenda records; a {batch.SecCode} entry carries at most {most}");
        var changes = entry.Addenda.Count(a => a is ChangeAddenda);
        if (batch.SecCode == "COR" && changes != 1) throw r.Error("addenda type code", "a notification of change (COR) carries one addenda 98");
    }

    public static NachaBatch BatchControl(NachaRecord r, NachaBatchHeader header, List<NachaEntry> entries)
    {
        var batch = new NachaBatch(header, entries, r.Text(55, 19));
        Same(r, 2, 3, header.ServiceClassCode, "service class code");
        Same(r, 5, 6, batch.EntryAndAddendaCount, "entry/addenda count");
        Same(r, 11, 10, batch.EntryHash, "entry hash");
        SameAmount(r, 21, batch.TotalDebits, "total debit entry dollar amount");
        SameAmount(r, 33, batch.TotalCredits, "total credit entry dollar amount");
        if (r.Text(45, 10) != header.CompanyIdentification)
            throw r.Error("company identification", $"'{r.Text(45, 10)}' is not the batch header's '{header.CompanyIdentification}'");
        if (r.Digits(80, 8, "originating DFI identification") != header.OdfiIdentification)
            throw r.Error("originating DFI identification", $"'{r.Span(80, 8)}' is not the batch header's {header.OdfiIdentification}");
        Same(r, 88, 7, header.BatchNumber, "batch number");
        return batch;
    }

    public static void CheckFileControl(NachaRecord r, NachaFile file)
    {
        Same(r, 2, 6, file.Batches.Count, "batch count");
        Same(r, 8, 6, file.BlockCount, "block count");
        Same(r, 14, 8, file.EntryAndAddendaCount, "entry/addenda count");
        Same(r, 22, 10, file.EntryHash, "entry hash");
        SameAmount(r, 32, file.TotalDebits, "total debit entry dollar amount");
        SameAmount(r, 44, file.TotalCredits, "total credit entry dollar amount");
    }

    private static void SameTrace(NachaRecord r, NachaEntry entry)
    {
        if (!r.Span(80, 15).SequenceEqual(entry.TraceNumber)) throw r.Error("trace number", $"'{r.Span(80, 15)}' is not its entry's {entry.TraceNumber}");
    }

    private static string Code(NachaRecord r, char letter, string field)
    {
        var code = r.Span(4, 3);
        return code[0] == letter && !code[1..].ContainsAnyExceptInRange('0', '9') ? code.ToString() : throw r.Error(field, $"'{code}' is not a {field}");
    }

    private static void Same(NachaRecord r, int position, int length, long expected, string field)
    {
        var stated = r.Number(position, length, field);
        if (stated != expected) throw r.Error(field, $"{stated} stated, {expected} counted");
    }

    private static void SameAmount(NachaRecord r, int position, decimal expected, string field)
    {
        var stated = r.Amount(position, 12, field);
        if (stated != expected) throw r.Error(field, $"{stated:0.00} stated, {expected:0.00} counted");
    }
}
