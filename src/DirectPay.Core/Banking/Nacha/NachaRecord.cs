using System.Globalization;

namespace DirectPay.Banking.Nacha;

/// <summary>One 94-character record of a file being read, with its line number for errors.</summary>
internal readonly struct NachaRecord(string text, int start, int line)
{
    public const int Length = 94;
    public const int BlockingFactor = 10;

    private static readonly string[] SecCodes =
        ["ACK", "ADV", "ARC", "ATX", "BOC", "CCD", "CIE", "COR", "CTX", "DNE", "ENR", "IAT", "MTE", "POP", "POS", "PPD", "RCK",
         "SHR", "TEL", "TRC", "TRX", "WEB", "XCK"];

    public int Line => line;
    public char Type => text[start];

    /// <summary>Positions are 1-based, as the format's tables give them.</summary>
    public ReadOnlySpan<char> Span(int position, int length) => text.AsSpan(start + position - 1, length);

    public NachaFormatException Error(string field, string problem) => new(line, field, problem);

    /// <summary>A left-justified field: its trailing spaces are padding.</summary>
    public string Text(int position, int length) => Span(position, length).TrimEnd(' ').ToString();

    public string RequiredText(int position, int length, string field) =>
        Text(position, length) is { Length: > 0 } value ? value : throw Error(field, "is blank");

    public string Digits(int position, int length, string field)
    {
        var span = Span(position, length);
        if (span.ContainsAnyExceptInRange('0', '9')) throw Error(field, $"'{span}' is not numeric");
        return span.ToString();
    }

    public long Number(int position, int length, string field)
    {
        var span = Span(position, length);
        if (span.ContainsAnyExceptInRange('0', '9')) throw Error(field, $"'{span}' is not numeric");
        return long.Parse(span, CultureInfo.InvariantCulture);
    }

    /// <summary>Dollars and cents, always with two decimals (1290.10, not 1290.1), as money is everywhere else.</summary>
    public decimal Amount(int position, int length, string field)
    {
        var cents = Number(position, length, field); // at most 12 digits: well inside the low 64 bits
        return new decimal((int)(cents & 0xFFFF_FFFF), (int)(cents >> 32), 0, false, 2);
    }

    public void Expect(int position, string value, string field)
    {
        if (!Span(position, value.Length).SequenceEqual(value)) throw Error(field, $"'{Span(position, value.Length)}' is not '{value}'");
    }

    /// <summary>YYMMDD; two-digit years 00-49 are 2000-2049 and 50-99 are 1950-1999.</summary>
    public DateOnly? OptionalDate(int position, string field)
    {
        var span = Span(position, 6);
        if (span.IsWhiteSpace()) return null;
        if (span.ContainsAnyExceptInRange('0', '9')) throw Error(field, $"'{span}' is not a date (YYMMDD)");
        var yy = int.Parse(span[..2], CultureInfo.InvariantCulture);
        var year = yy < 50 ? 2000 + yy : 1900 + yy;
        var (month, day) = (int.Parse(span[2..4], CultureInfo.InvariantCulture), int.Parse(span[4..], CultureInfo.InvariantCulture));
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) throw Error(field, $"'{span}' is not a date (YYMMDD)");
        return new DateOnly(year, month, day);
    }

    public DateOnly Date(int position, string field) => OptionalDate(position, field) ?? throw Error(field, "is blank");

    public TimeOnly? OptionalTime(int position, string field)
    {
        var span = Span(position, 4);
        if (span.IsWhiteSpace()) return null;
        if (span.ContainsAnyExceptInRange('0', '9')) throw Error(field, $"'{span}' is not a time (HHMM)");
        var (hour, minute) = (int.Parse(span[..2], CultureInfo.InvariantCulture), int.Parse(span[2..], CultureInfo.InvariantCulture));
        if (hour > 23 || minute > 59) throw Error(field, $"'{span}' is not a time (HHMM)");
        return new TimeOnly(hour, minute);
    }

    public string SecCode(int position)
    {
        var code = Span(position, 3).ToString();
        return Array.IndexOf(SecCodes, code) >= 0 ? code : throw Error("standard entry class code", $"'{code}' is not a SEC code");
    }

    /// <summary>A routing number whose eighth digit is followed by its check digit.</summary>
    public string Routing(int position, string field)
    {
        var routing = Digits(position, 9, field);
        return RoutingNumbers.IsValid(routing) ? routing : throw Error(field, $"'{routing}' fails the routing number check digit");
    }
}
