using System.Globalization;

namespace DirectPay.Banking.Nacha;

/// <summary>
/// Writes a file in DirectPay's canonical form: 94-character records each ending in CR LF, controls computed from the
/// batches, padded with 9s to whole blocks of ten. A value that does not fit its field is a programming error.
/// </summary>
public static class NachaWriter
{
    private const int LineLength = NachaRecord.Length + 2;

    public static byte[] Write(NachaFile file)
    {
        var blocks = file.BlockCount;
        var bytes = new byte[blocks * NachaRecord.BlockingFactor * LineLength];
        var line = 0;
        Span<byte> Next() => bytes.AsSpan(line++ * LineLength, LineLength);

        FileHeader(new Fields(Next()), file.Header);
        foreach (var batch in file.Batches)
        {
            BatchHeader(new Fields(Next()), batch.Header);
            foreach (var entry in batch.Entries)
            {
                Entry(new Fields(Next()), entry);
                foreach (var addenda in entry.Addenda) Addenda(new Fields(Next()), entry, addenda);
            }
            BatchControl(new Fields(Next()), batch);
        }
        FileControl(new Fields(Next()), file);
        while (line < blocks * NachaRecord.BlockingFactor) new Fields(Next()).Padding();
        return bytes;
    }

    private static void FileHeader(Fields f, NachaFileHeader h)
    {
        f.Text(1, 1, "1").Text(2, 2, "01").RightText(4, 10, h.ImmediateDestination).RightText(14, 10, h.ImmediateOrigin)
            .Date(24, h.CreationDate).Text(30, 4, h.CreationTime?.ToString("HHmm", CultureInfo.InvariantCulture) ?? "")
            .Text(34, 1, h.FileIdModifier.ToString()).Text(35, 3, "094").Text(38, 2, "10").Text(40, 1, "1")
            .Text(41, 23, h.DestinationName).Text(64, 23, h.OriginName).Text(87, 8, h.ReferenceCode);
    }

    private static void BatchHeader(Fields f, NachaBatchHeader h)
    {
        f.Text(1, 1, "5").Number(2, 3, h.ServiceClassCode).Text(5, 16, h.CompanyName).Text(21, 20, h.CompanyDiscretionaryData)
            .Text(41, 10, h.CompanyIdentification).Text(51, 3, h.SecCode).Text(54, 10, h.EntryDescription).Text(64, 6, h.DescriptiveDate)
            .Text(70, 6, h.EffectiveEntryDate is { } date ? Yymmdd(date) : "").Text(76, 3, h.SettlementDate)
            .Text(79, 1, h.OriginatorStatusCode.ToString()).Digits(80, 8, h.OdfiIdentification).Number(88, 7, h.BatchNumber);
    }

    private static void Entry(Fields f, NachaEntry e)
    {
        f.Text(1, 1, "6").Number(2, 2, e.TransactionCode).Digits(4, 9, e.RoutingNumber).Text(13, 17, e.AccountNumber)
            .Amount(30, 10, e.Amount).Text(40, 15, e.IdentificationNumber).Text(55, 22, e.ReceiverName).Text(77, 2, e.DiscretionaryData)
            .Text(79, 1, e.Addenda.Count > 0 ? "1" : "0").Digits(80, 15, e.TraceNumber);
    }

    private static void Addenda(Fields f, NachaEntry entry, NachaAddenda addenda)
    {
        f.Text(1, 1, "7").Digits(2, 2, addenda.TypeCode);
        switch (addenda)
        {
            case PaymentAddenda a:
                f.Text(4, 80, a.Information).Number(84, 4, a.SequenceNumber).Digits(88, 7, entry.TraceNumber[8..]);
                break;
            case ReturnAddenda a:
                f.Text(4, 3, a.ReturnCode).Digits(7, 15, a.OriginalTraceNumber).Text(22, 6, a.DateOfDeath is { } died ? Yymmdd(died) : "")
                    .Digits(28, 8, a.OriginalRdfi).Text(36, 44, a.Information).Digits(80, 15, entry.TraceNumber);
                break;
            case ChangeAddenda a:
                f.Text(4, 3, a.ChangeCode).Digits(7, 15, a.OriginalTraceNumber).Digits(28, 8, a.OriginalRdfi).Text(36, 29, a.CorrectedData)
                    .Digits(80, 15, entry.TraceNumber);
                break;
            case OtherAddenda a:
                f.Text(4, 91, a.Content);
                break;
        }
    }

    private static void BatchControl(Fields f, NachaBatch b)
    {
        f.Text(1, 1, "8").Number(2, 3, b.Header.ServiceClassCode).Number(5, 6, b.EntryAndAddendaCount).Number(11, 10, b.EntryHash)
            .Amount(21, 12, b.TotalDebits).Amount(33, 12, b.TotalCredits).Text(45, 10, b.Header.CompanyIdentification)
            .Text(55, 19, b.MessageAuthenticationCode).Digits(80, 8, b.Header.OdfiIdentification).Number(88, 7, b.Header.BatchNumber);
    }

    private static void FileControl(Fields f, NachaFile file)
    {
        f.Text(1, 1, "9").Number(2, 6, file.Batches.Count).Number(8, 6, file.BlockCount).Number(14, 8, file.EntryAndAddendaCount)
            .Number(22, 10, file.EntryHash).Amount(32, 12, file.TotalDebits).Amount(44, 12, file.TotalCredits);
    }

    private static string Yymmdd(DateOnly date) => date.ToString("yyMMdd", CultureInfo.InvariantCulture);

    /// <summary>One line being written: blanks until a field is set, then CR LF.</summary>
    private readonly ref struct Fields
    {
        private readonly Span<byte> _line;

        public Fields(Span<byte> line)
        {
            _line = line;
            line[..NachaRecord.Length].Fill((byte)' ');
            line[NachaRecord.Length] = (byte)'\r';
            line[NachaRecord.Length + 1] = (byte)'\n';
        }

        public void Padding() => _line[..NachaRecord.Length].Fill((byte)'9');

        public Fields Text(int position, int length, string value)
        {
            if (value.Length > length) throw new ArgumentException($"'{value}' does not fit {length} characters at position {position}.");
            Put(position, value);
            return this;
        }

        public Fields RightText(int position, int length, string value) =>
            value.Length > length ? throw new ArgumentException($"'{value}' does not fit {length} characters at position {position}.")
                : Text(position + length - value.Length, value.Length, value);

        public Fields Digits(int position, int length, string value)
        {
            if (value.Length != length || value.AsSpan().ContainsAnyExceptInRange('0', '9'))
                throw new ArgumentException($"'{value}' is not {length} digits at position {position}.");
            Put(position, value);
            return this;
        }

        public Fields Number(int position, int length, long value)
        {
            var text = value.ToString(CultureInfo.InvariantCulture).PadLeft(length, '0');
            return value < 0 ? throw new ArgumentException($"{value} is negative at position {position}.") : Digits(position, length, text);
        }

        public Fields Amount(int position, int length, decimal amount) =>
            decimal.Round(amount, 2) != amount ? throw new ArgumentException($"{amount} has more than two decimals.")
                : Number(position, length, (long)(amount * 100));

        public Fields Date(int position, DateOnly date) => Text(position, 6, Yymmdd(date));

        private void Put(int position, string value)
        {
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c is < ' ' or > '~') throw new ArgumentException($"'{value}' has a character that is not printable ASCII.");
                _line[position - 1 + i] = (byte)c;
            }
        }
    }
}
