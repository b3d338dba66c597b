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

    /// <summary>Notifications of change of each code DirectPay acts on, in a batch numbered 7, with a zero-padded destination.</summary>
    public static string[] ChangeFile() =>
    [
        FileHeader(destination: "0091000019"),
        BatchHeader(200, "COR", "02100002", 7, description: "RENT"),
        Entry(26, "231380104", "1111", 0, "JANE DOE", "021000020000010", addenda: true),
        Change("C01", "091000010000050", "23138010", "1111222233334444", "021000020000010"),
        Entry(26, "121042882", "2222", 0, "JOHN ROE", "021000020000011", addenda: true),
        Change("C02", "091000010000051", "12104288", "011000015", "021000020000011"),
        Entry(26, "011000015", "3333", 0, "ANN LEE", "021000020000012", addenda: true),
        Change("C03", "091000010000052", "01100001", "021000021   98765432", "021000020000012"),
        Entry(36, "021000021", "4444", 0, "BO KIM", "021000020000013", addenda: true),
        Change("C05", "091000010000053", "02100002", "27", "021000020000013"),
        Entry(26, "026009593", "5555", 0, "CY WU", "021000020000014", addenda: true),
        Change("C06", "091000010000054", "02600959", "12345".PadRight(20) + "37", "021000020000014"),
        Entry(26, "091000019", "6666", 0, "DI XU", "021000020000015", addenda: true),
        Change("C07", "091000010000055", "09100001", "026009593" + "4444".PadRight(17) + "37", "021000020000015"),
        BatchControl(200, 12, 50143261, 0, 0, "02100002", 7),
        FileControl(1, 2, 12, 50143261, 0, 0),
    ];

    /// <summary>Corporate credits with payment-related addenda (a CTX entry carries two), a creation time and a digit modifier.</summary>
    public static string[] CorporateFile() =>
    [
        FileHeader(time: "0930", modifier: '7'),
        BatchHeader(220, "CTX", "09100001", 1),
        Entry(22, "071000013", "10001", 100000, "0002ACME LLC", "091000010000001", addenda: true),
        Payment("RMR*IV*1001**500.00\\", 1, "0000001"),
        Payment("RMR*IV*1002**500.00\\", 2, "0000001"),
        BatchControl(220, 3, 7100001, 0, 100000, "09100001", 1),
        BatchHeader(220, "CCD", "09100001", 2),
        Entry(32, "111000025", "20002", 4200, "BETA CORP", "091000010000002", addenda: true),
        Payment("INVOICE 77", 1, "0000002"),
        BatchControl(220, 2, 11100002, 0, 4200, "09100001", 2),
        FileControl(2, 2, 5, 18200003, 0, 104200),
    ];

    public static string Lf(IEnumerable<string> records) => string.Join('\n', records);

    public static string CrLf(IEnumerable<string> records) => string.Concat(records.Select(r => r + "\r\n"));
}
