namespace DirectPay.Banking.Nacha;

/// <summary>
/// What DirectPay may send its bank, beyond a well-formed file: its own origin and company, WEB, PPD and CCD entries
/// with DirectPay's descriptions, traces ascending through the file (the reader holds each to its batch's ODFI), and micro-entries under 1.00.
/// </summary>
internal static class NachaOriginationRules
{
    private static readonly HashSet<int> Originated = [22, 23, 27, 28, 32, 33, 37, 38];

    public static NachaFile Check(NachaFile file, AchOriginator originator)
    {
        var odfi = originator.OdfiRouting[..8];
        if (file.Header.ImmediateDestination != originator.OdfiRouting) throw Error(1, "immediate destination", $"not the ODFI's {originator.OdfiRouting}");
        if (file.Header.ImmediateOrigin != originator.ImmediateOrigin.Trim()) throw Error(1, "immediate origin", $"not DirectPay's {originator.ImmediateOrigin}");

        var line = 1;
        var lastTrace = "";
        for (var b = 0; b < file.Batches.Count; b++)
        {
            var (header, entries) = (file.Batches[b].Header, file.Batches[b].Entries);
            line++;
            if (header.SecCode is not ("WEB" or "PPD" or "CCD")) throw Error(line, "standard entry class code", $"DirectPay originates WEB, PPD and CCD, not {header.SecCode}");
            if (!EntryDescriptions.All.Contains(header.EntryDescription)) throw Error(line, "company entry description", $"'{header.EntryDescription}' is not one of DirectPay's");
            if (header.CompanyIdentification != originator.CompanyIdentification) throw Error(line, "company identification", "not DirectPay's");
            if (header.OdfiIdentification != odfi) throw Error(line, "originating DFI identification", $"not the ODFI's {odfi}");
            if (header.EffectiveEntryDate is null) throw Error(line, "effective entry date", "is blank");
            if (header.SettlementDate.Length > 0) throw Error(line, "settlement date", "is the ACH operator's to fill");
            if (header.OriginatorStatusCode != '1') throw Error(line, "originator status code", "an originator's file carries 1");
            if (header.BatchNumber != b + 1) throw Error(line, "batch number", $"{header.BatchNumber}, not {b + 1}");

            foreach (var entry in entries)
            {
                line++;
                if (!Originated.Contains(entry.TransactionCode)) throw Error(line, "transaction code", $"DirectPay does not originate {entry.TransactionCode}");
                if (string.CompareOrdinal(entry.TraceNumber, lastTrace) <= 0) throw Error(line, "trace number", $"{entry.TraceNumber} does not come after {lastTrace}");
                lastTrace = entry.TraceNumber;
                if (header.SecCode == "WEB" && !(TransactionCodes.IsDebit(entry.TransactionCode) && entry.DiscretionaryData is "R" or "S"))
                    throw Error(line, "payment type code", "a WEB entry is a debit with payment type R (recurring) or S (single)");
                if (header.EntryDescription == EntryDescriptions.AccountVerification && TransactionCodes.IsCredit(entry.TransactionCode) && entry.Amount >= 1m)
                    throw Error(line, "amount", "a micro-entry credit is under 1.00");
                if (entry.Addenda.Any(a => a is not PaymentAddenda)) throw Error(line + 1, "addenda type code", "DirectPay sends only addenda 05");
                line += entry.Addenda.Count;
            }
            line++;
            if (header.EntryDescription == EntryDescriptions.AccountVerification && file.Batches[b].TotalDebits > file.Batches[b].TotalCredits)
                throw Error(line, "total debit entry dollar amount", "micro-entries take back no more than they deposit");
        }
        return file;
    }

    private static NachaFormatException Error(int line, string field, string problem) => new(line, field, problem);
}
