namespace DirectPay.Tests.Banking;

/// <summary>
/// NACHA records built by hand at the format's positions, independently of DirectPay's writer, so the reader is tested
/// against shapes other software produces. Controls are given by the test, worked out by hand.
/// </summary>
internal static class HandBuilt
{
    public const string CompanyId = "1234567890";

    public static string Record(char type, params (int Position, string Value)[] fields)
    {
        var chars = new string(' ', 94).ToCharArray();
        chars[0] = type;
        foreach (var (position, value) in fields) value.CopyTo(0, chars, position - 1, value.Length);
        return new string(chars);
    }

    public static string FileHeader(string destination = " 091000019", string origin = "0210000210", string time = "    ", char modifier = 'A') =>
        Record('1', (2, "01"), (4, destination), (14, origin), (24, "261201"), (30, time), (34, modifier.ToString()), (35, "094"), (38, "10"),
            (40, "1"), (41, "FIRST STATE BANK"), (64, "DIRECTPAY INC"));

    public static string BatchHeader(int serviceClass, string sec, string odfi, int number, string description = "RENT",
        string effective = "261201", string settlement = "   ", string companyId = CompanyId) =>
        Record('5', (2, serviceClass.ToString()), (5, "DIRECTPAY"), (41, companyId), (51, sec), (54, description), (64, "DEC 26"),
            (70, effective), (76, settlement), (79, "1"), (80, odfi), (88, number.ToString("D7")));

    public static string Entry(int code, string routing, string account, long cents, string name, string trace, bool addenda = false,
        string id = "", string discretionary = "") =>
        Record('6', (2, code.ToString()), (4, routing), (13, account), (30, cents.ToString("D10")), (40, id), (55, name), (77, discretionary),
            (79, addenda ? "1" : "0"), (80, trace));

    public static string Return(string code, string originalTrace, string originalRdfi, string trace, string dateOfDeath = "", string info = "") =>
        Record('7', (2, "99"), (4, code), (7, originalTrace), (22, dateOfDeath), (28, originalRdfi), (36, info), (80, trace));

    public static string Change(string code, string originalTrace, string originalRdfi, string corrected, string trace) =>
        Record('7', (2, "98"), (4, code), (7, originalTrace), (28, originalRdfi), (36, corrected), (80, trace));

    public static string Payment(string info, int sequence, string entrySequence) =>
        Record('7', (2, "05"), (4, info), (84, sequence.ToString("D4")), (88, entrySequence));

    public static string BatchControl(int serviceClass, int count, long hash, long debits, long credits, string odfi, int number,
        string companyId = CompanyId) =>
        Record('8', (2, serviceClass.ToString()), (5, count.ToString("D6")), (11, hash.ToString("D10")), (21, debits.ToString("D12")),
            (33, credits.ToString("D12")), (45, companyId), (80, odfi), (88, number.ToString("D7")));

    public static string FileControl(int batches, int blocks, int count, long hash, long debits, long credits) =>
        Record('9', (2, batches.ToString("D6")), (8, blocks.ToString("D6")), (14, count.ToString("D8")), (22, hash.ToString("D10")),
            (32, debits.ToString("D12")), (44, credits.ToString("D12")));

    /// <summary>
    /// A return file as a receiving bank's software might send it: LF line ends, no padding, no final line end, a
    /// 10-digit origin, no creation time, two batches (returned WEB debits, one from savings with a date of death; a
    /// returned PPD credit).
    /// </summary>
    public static string[] ReturnFile() =>
    [
        FileHeader(),
        BatchHeader(225, "WEB", "02100002", 1, settlement: "335"),
        Entry(26, "231380104", "123456789", 150000, "JANE DOE", "021000020000001", addenda: true, id: "P-1", discretionary: "R"),
        Return("R01", "091000010000042", "23138010", "021000020000001"),
        Entry(36, "121042882", "98765", 72550, "JOHN ROE", "021000020000002", addenda: true, discretionary: "S"),
        Return("R15", "091000010000043", "12104288", "021000020000002", dateOfDeath: "261115", info: "DECEASED"),
        BatchControl(225, 4, 35242298, 222550, 0, "02100002", 1),
        BatchHeader(220, "PPD", "02100002", 2),
        Entry(21, "011000015", "555", 250000, "ACME HOLDINGS", "021000020000003", addenda: true),
        Return("R03", "091000010000044", "01100001", "021000020000003"),
        BatchControl(220, 2, 1100001, 0, 250000, "02100002", 2),
        FileControl(2, 2, 6, 36342299, 222550, 250000),
    ];

    public static string Lf(IEnumerable<string> records) => string.Join('\n', records);

    public static string CrLf(IEnumerable<string> records) => string.Concat(records.Select(r => r + "\r\n"));
}
