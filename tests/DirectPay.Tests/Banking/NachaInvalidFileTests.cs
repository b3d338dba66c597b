using System.Text;
using DirectPay.Banking.Nacha;
using static DirectPay.Tests.Banking.HandBuilt;

namespace DirectPay.Tests.Banking;

/// <summary>A malformed file is refused whole, with the line and the field at fault.</summary>
public class NachaInvalidFileTests
{
    private static string With(int line, string record) => Lf(ReturnFile().Select((r, i) => i + 1 == line ? record : r));

    private static string Without(params int[] lines) => Lf(ReturnFile().Where((_, i) => !lines.Contains(i + 1)));

    private static string Patch(int line, int position, string value)
    {
        var record = ReturnFile()[line - 1].ToCharArray();
        value.CopyTo(0, record, position - 1, value.Length);
        return With(line, new string(record));
    }

    private static string Patches(params (int Line, int Position, string Value)[] patches)
    {
        var records = ReturnFile();
        foreach (var (line, position, value) in patches)
        {
            var record = records[line - 1].ToCharArray();
            value.CopyTo(0, record, position - 1, value.Length);
            records[line - 1] = new string(record);
        }
        return Lf(records);
    }

    private static readonly Dictionary<string, (Func<string> File, int Line, string Field)> Cases = new()
    {
        ["a line one character short"] = (() => With(3, ReturnFile()[2][..93]), 3, "record length"),
        ["a line one character long"] = (() => With(5, ReturnFile()[4] + " "), 5, "record length"),
        ["a blank line inside the file"] = (() => With(7, ReturnFile()[6] + "\n"), 8, "record length"),
        ["an empty file"] = (() => "", 1, "file header"),
        ["an entry before its batch header"] = (() => Without(2), 2, "record type"),
        ["an addenda after a batch header"] = (() => Without(3), 3, "record type"),
        ["a second file header"] = (() => With(8, FileHeader()), 8, "record type"),
        ["a batch without a control"] = (() => Without(7), 2, "batch control"),
        ["a file without a control"] = (() => Without(12), 11, "file control"),
        ["records after the file control"] = (() => Lf([.. ReturnFile(), ReturnFile()[1]]), 13, "record type"),
        ["a file beginning with a batch"] = (() => Without(1), 1, "record type"),
        ["a batch's entry count"] = (() => Patch(7, 5, "000005"), 7, "entry/addenda count"),
        ["a batch's debit total"] = (() => Patch(7, 21, "000000222551"), 7, "total debit entry dollar amount"),
        ["a batch's credit total"] = (() => Patch(11, 33, "000000250001"), 11, "total credit entry dollar amount"),
        ["a batch's entry hash"] = (() => Patch(7, 11, "0035242299"), 7, "entry hash"),
        ["a batch control's service class"] = (() => Patch(7, 2, "200"), 7, "service class code"),
        ["a batch control's batch number"] = (() => Patch(11, 88, "0000003"), 11, "batch number"),
        ["a batch control's company"] = (() => Patch(11, 45, "9999999999"), 11, "company identification"),
        ["the file's batch count"] = (() => Patch(12, 2, "000003"), 12, "batch count"),
        ["the file's block count"] = (() => Patch(12, 8, "000001"), 12, "block count"),
        ["the file's entry count"] = (() => Patch(12, 14, "00000007"), 12, "entry/addenda count"),
        ["the file's entry hash"] = (() => Patch(12, 22, "0036342298"), 12, "entry hash"),
        ["the file's debit total"] = (() => Patch(12, 32, "000000000000"), 12, "total debit entry dollar amount"),
        ["a routing check digit"] = (() => Patch(5, 12, "3"), 5, "receiving DFI identification"),
        ["an amount with a letter"] = (() => Patch(3, 30, "00001500O0"), 3, "amount"),
        ["an amount with a space"] = (() => Patch(3, 30, " 000150000"), 3, "amount"),
        ["a trace number with a letter"] = (() => Patch(3, 80, "02100002000000X"), 3, "trace number"),
        ["a transaction code that is none"] = (() => Patch(3, 2, "25"), 3, "transaction code"),
        ["a credit in a debits-only batch"] = (() => Patch(3, 2, "22"), 3, "transaction code"),
        ["a non-ASCII byte"] = (() => Patch(5, 55, "JOSÉ"), 5, "character set"),
        ["a tab"] = (() => Patch(9, 60, "\t"), 9, "character set"),
        ["a carriage return alone"] = (() => Patch(4, 50, "\r"), 4, "line ending"),
        ["an effective date that is no date"] = (() => Patch(2, 70, "261301"), 2, "effective entry date"),
        ["a creation date that is no date"] = (() => Patch(1, 24, "260230"), 1, "file creation date"),
        ["a record size other than 094"] = (() => Patch(1, 35, "095"), 1, "record size"),
        ["an unknown SEC code"] = (() => Patch(8, 51, "XYZ"), 8, "standard entry class code"),
        ["an addenda the entry does not announce"] = (() => Patch(3, 79, "0"), 4, "addenda record indicator"),
        ["an announced addenda that is missing"] = (() => Without(10), 9, "addenda record indicator"),
        ["a return's trace that is not its entry's"] = (() => Patch(6, 80, "021000020000009"), 6, "trace number"),
        ["a return reason that is no code"] = (() => Patch(4, 4, "X01"), 4, "return reason code"),
        ["a notification of change outside a COR batch"] = (() => With(4, Change("C01", "091000010000042", "23138010", "999", "021000020000001")), 4, "addenda type code"),
        ["a prenote with an amount"] = (() => Patch(9, 2, "23"), 9, "amount"),
        ["a live debit of nothing"] = (() => Patches((3, 2, "27"), (3, 30, "0000000000"), (7, 21, "000000072550"), (12, 32, "000000072550")), 3, "amount"),
        ["a settlement date with a sign"] = (() => Patch(2, 76, "+12"), 2, "settlement date"),
        ["a settlement date with a leading blank"] = (() => Patch(2, 76, " 12"), 2, "settlement date"),
        ["a batch number repeated"] = (() => Patches((8, 88, "0000001"), (11, 88, "0000001")), 8, "batch number"),
        ["a batch number going back"] = (() => Patches((2, 88, "0000003"), (7, 88, "0000003")), 8, "batch number"),
        ["traces descending in a batch"] = (() => Patches((5, 80, "021000020000000"), (6, 80, "021000020000000")), 5, "trace number"),
        ["a trace under another bank's prefix"] = (() => Patches((9, 80, "091000010000003"), (10, 80, "091000010000003")), 9, "trace number"),
        ["service class 280 (automated accounting advices)"] = (() => Patches((2, 2, "280"), (7, 2, "280")), 2, "service class code"),
    };

    public static TheoryData<string> Names() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Is_refused_naming_the_line_and_field(string name)
    {
        var (file, line, field) = Cases[name];

        var error = Assert.Throws<NachaFormatException>(() => NachaReader.Read(Encoding.UTF8.GetBytes(file())));

        Assert.Equal((line, field), (error.Line, error.Field));
        Assert.StartsWith($"Line {line}, {field}: ", error.Message);
    }

    [Fact]
    public void The_base_file_of_these_cases_is_valid() => NachaReader.Read(Lf(ReturnFile()));

    [Fact]
    public void A_notification_of_change_with_data_that_does_not_fit_its_code_is_refused()
    {
        string[] records =
        [
            FileHeader(),
            BatchHeader(225, "COR", "02100002", 1),
            Entry(26, "231380104", "1111", 0, "JANE DOE", "021000020000010", addenda: true),
            Change("C02", "091000010000050", "23138010", "011000016", "021000020000010"),
            BatchControl(225, 2, 23138010, 0, 0, "02100002", 1),
            FileControl(1, 1, 2, 23138010, 0, 0),
        ];

        var error = Assert.Throws<NachaFormatException>(() => NachaReader.Read(Lf(records)));

        Assert.Equal((4, "corrected data"), (error.Line, error.Field));
    }
}
