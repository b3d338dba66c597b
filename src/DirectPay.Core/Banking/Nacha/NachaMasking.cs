using System.Text;

namespace DirectPay.Banking.Nacha;

/// <summary>A file as people may see it: every account number shown by its last four characters only.</summary>
public static class NachaMasking
{
    /// <summary>
    /// The file's records, one per line, with the entries' DFI account numbers (positions 13-29) and the corrected data of
    /// notifications of change (addenda 98, positions 36-64) masked. Takes any shape the reader takes (blocked, CR LF,
    /// a BOM or a trailing Ctrl-Z): the records are what is shown.
    /// </summary>
    public static string Mask(ReadOnlySpan<byte> file)
    {
        if (file.StartsWith("\uFEFF"u8)) file = file[3..];
        var text = Encoding.ASCII.GetString(file).TrimEnd('\x1A').Replace("\r", "").Replace("\n", "");
        var lines = new StringBuilder();
        for (var at = 0; at + NachaRecord.Length <= text.Length; at += NachaRecord.Length)
        {
            var record = text.AsSpan(at, NachaRecord.Length).ToArray();
            if (record[0] == '6') MaskField(record, 12, 17);
            else if (record[0] == '7' && record[1] == '9' && record[2] == '8') MaskField(record, 35, 29);
            lines.Append(record).Append('\n');
        }
        return lines.ToString();
    }

    private static void MaskField(char[] record, int start, int length)
    {
        var field = record.AsSpan(start, length);
        var shown = 0;
        for (var i = field.Length - 1; i >= 0; i--)
        {
            if (field[i] == ' ') continue;
            if (++shown > 4) field[i] = '*';
        }
    }
}
