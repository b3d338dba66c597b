using System.Text;

namespace DirectPay.Banking.Nacha;

/// <summary>
/// Reads any valid NACHA file, whoever wrote it: lines ending in CR LF or LF or records without line breaks, with or
/// without padding. A file that breaks the format is refused whole with the line and field at fault.
/// </summary>
public static class NachaReader
{
    public static NachaFile Read(ReadOnlySpan<byte> bytes)
    {
        var records = Records(bytes);
        var file = new FileParser(records);
        return file.Parse();
    }

    public static NachaFile Read(string text) => Read(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// The file's records, each 94 printable ASCII characters. A line may hold several records (files written without
    /// line breaks, or a block of ten per line); a leading byte-order mark, a trailing end-of-file mark (Ctrl-Z) and
    /// trailing blank lines are the transport's, not the file's.
    /// </summary>
    private static List<NachaRecord> Records(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        bytes = bytes.TrimEnd((byte)0x1A);
        var line = 1;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b == '\n') line++;
            else if (b == '\r' && (i + 1 == bytes.Length || bytes[i + 1] != '\n'))
                throw new NachaFormatException(line, "line ending", "a carriage return is not followed by a line feed");
            else if (b != '\r' && b is < 0x20 or > 0x7E)
                throw new NachaFormatException(line, "character set", $"byte 0x{b:X2} is not printable ASCII");
        }

        var text = Encoding.ASCII.GetString(bytes);
        var lines = new List<(int Start, int Length)>();
        for (var start = 0; start < text.Length;)
        {
            var end = text.IndexOf('\n', start);
            var next = end < 0 ? text.Length : end + 1;
            if (end < 0) end = text.Length;
            if (end > start && text[end - 1] == '\r') end--;
            lines.Add((start, end - start));
            start = next;
        }
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        if (lines.Count == 0) throw new NachaFormatException(1, "file header", "the file is empty");

        var records = new List<NachaRecord>(text.Length / (NachaRecord.Length + 1) + 1);
        for (var l = 0; l < lines.Count; l++)
        {
            var (start, length) = lines[l];
            if (length == 0 || length % NachaRecord.Length != 0)
                throw new NachaFormatException(l + 1, "record length", $"{length} characters, not {NachaRecord.Length}");
            for (var at = start; at < start + length; at += NachaRecord.Length)
                records.Add(new NachaRecord(text, at, records.Count + 1));
        }
        return records;
    }

    /// <summary>Walks the records in the order the format allows: 1, then batches of 5 (6 7*)+ 8, then 9 and padding.</summary>
    private sealed class FileParser(List<NachaRecord> records)
    {
        private int _next;

        public NachaFile Parse()
        {
            var first = records[0];
            if (first.Type != '1') throw first.Error("record type", $"'{first.Type}': a file begins with its header (1)");
            var header = NachaRecords.FileHeader(first);
            _next = 1;

            var batches = new List<NachaBatch>();
            var lastBatchNumber = 0;
            while (true)
            {
                if (_next == records.Count)
                    throw new NachaFormatException(records[^1].Line, "file control", "the file ends without its control record (9)");
                var record = records[_next];
                if (record.Type == '9') break;
                if (record.Type != '5')
                    throw record.Error("record type", $"'{record.Type}' where a batch header (5) or the file control (9) belongs");
                var batch = Batch();
                if (batch.Header.BatchNumber <= lastBatchNumber)
                    throw record.Error("batch number", $"{batch.Header.BatchNumber} does not come after {lastBatchNumber}");
                lastBatchNumber = batch.Header.BatchNumber;
                batches.Add(batch);
            }

            var file = new NachaFile(header, batches);
            NachaRecords.CheckFileControl(records[_next], file);
            foreach (var padding in records.Skip(_next + 1))
                if (padding.Span(1, NachaRecord.Length).ContainsAnyExcept('9'))
                    throw padding.Error("record type", "only padding (all 9s) may follow the file control");
            return file;
        }

        private NachaBatch Batch()
        {
            var headerRecord = records[_next++];
            var header = NachaRecords.BatchHeader(headerRecord);
            var entries = new List<NachaEntry>();
            while (true)
            {
                if (_next == records.Count)
                    throw headerRecord.Error("batch control", "the batch beginning here has no control record (8)");
                var record = records[_next];
                switch (record.Type)
                {
                    case '6':
                        var entry = Entry(header);
                        if (entries.Count > 0 && string.CompareOrdinal(entry.TraceNumber, entries[^1].TraceNumber) <= 0)
                            throw record.Error("trace number", $"{entry.TraceNumber} does not come after {entries[^1].TraceNumber} in its batch");
                        entries.Add(entry);
                        continue;
                    case '8':
                        if (entries.Count == 0) throw headerRecord.Error("entry detail", "the batch beginning here has no entries");
                        var batch = NachaRecords.BatchControl(records[_next++], header, entries);
                        return batch;
                    case '7':
                        throw record.Error("record type", "an addenda record (7) must follow an entry that announces it");
                    default:
                        throw headerRecord.Error("batch control", $"the batch beginning here has no control record (8) before line {record.Line}");
                }
            }
        }

        private NachaEntry Entry(NachaBatchHeader header)
        {
            var entryRecord = records[_next++];
            var (entry, hasAddenda) = NachaRecords.Entry(entryRecord, header);
            var addenda = new List<NachaAddenda>();
            while (_next < records.Count && records[_next].Type == '7')
            {
                var record = records[_next++];
                if (!hasAddenda) throw record.Error("addenda record indicator", $"the entry on line {entryRecord.Line} announces no addenda");
                addenda.Add(NachaRecords.Addenda(record, header, entry, addenda.Count));
            }
            if (hasAddenda && addenda.Count == 0)
                throw entryRecord.Error("addenda record indicator", "the entry announces an addenda record that does not follow");
            var complete = entry with { Addenda = addenda };
            NachaRecords.CheckAddenda(entryRecord, header, complete);
            return complete;
        }
    }
}
