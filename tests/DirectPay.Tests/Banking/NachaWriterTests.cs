using System.Text;
using DirectPay.Banking.Nacha;

namespace DirectPay.Tests.Banking;

/// <summary>DirectPay's files, checked at the format's positions rather than through its own reader.</summary>
public class NachaWriterTests
{
    public static readonly AchOriginator DirectPay = new("091000019", "FIRST STATE BANK", "1234567890", "DirectPay Inc", "DirectPay", "1234567890");
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 21, 5, 0, TimeSpan.Zero); // 16:05 in New York
    private static readonly DateOnly Tomorrow = new(2026, 12, 2);

    public static OutgoingEntry RentDebit(decimal amount, string routing = "231380104", WebPaymentType type = WebPaymentType.Single,
        string description = EntryDescriptions.Rent, AchAccountType account = AchAccountType.Checking) =>
        new("WEB", description, Tomorrow, Debit: true, account, routing, "000123456789", amount, "PAY-7F3A", "José Núñez", type);

    public static OutgoingEntry Payout(decimal amount, string routing = "121042882", string sec = "PPD") =>
        new(sec, EntryDescriptions.Rent, Tomorrow, Debit: false, AchAccountType.Savings, routing, "55501", amount, "LANDLORD-1", "Mary Major");

    private static string[] Lines(byte[] bytes)
    {
        var text = Encoding.ASCII.GetString(bytes);
        Assert.EndsWith("\r\n", text);
        return text[..^2].Split("\r\n");
    }

    [Fact]
    public void Records_sit_at_their_positions_and_the_file_is_padded_to_whole_blocks()
    {
        var file = NachaOrigination.Build(DirectPay, Created, 'A', 41,
            [RentDebit(1500.00m, type: WebPaymentType.Recurring), Payout(2950.25m), RentDebit(0.07m, routing: "011000015", account: AchAccountType.Savings)]);

        var lines = Lines(file.Bytes);
        Assert.Equal(10, lines.Length);
        Assert.All(lines, l => Assert.Equal(94, l.Length));
        Assert.Equal("1" + "01" + " 091000019" + "1234567890" + "261201" + "1605" + "A" + "094" + "10" + "1"
            + "FIRST STATE BANK".PadRight(23) + "DIRECTPAY INC".PadRight(23) + "".PadRight(8), lines[0]);

        Assert.Equal("5" + "225" + "DIRECTPAY".PadRight(16) + "".PadRight(20) + "1234567890" + "WEB" + "RENT".PadRight(10) + "".PadRight(6)
            + "261202" + "   " + "1" + "09100001" + "0000001", lines[1]);
        Assert.Equal("6" + "27" + "231380104" + "000123456789".PadRight(17) + "0000150000" + "PAY-7F3A".PadRight(15)
            + "JOSE NUNEZ".PadRight(22) + "R " + "0" + "091000010000041", lines[2]);
        Assert.Equal("6" + "37" + "011000015" + "000123456789".PadRight(17) + "0000000007" + "PAY-7F3A".PadRight(15)
            + "JOSE NUNEZ".PadRight(22) + "S " + "0" + "091000010000042", lines[3]);
        Assert.Equal("8" + "225" + "000002" + "0024238011" + "000000150007" + "000000000000" + "1234567890" + "".PadRight(25)
            + "09100001" + "0000001", lines[4]);

        Assert.Equal("5" + "220" + "DIRECTPAY".PadRight(16) + "".PadRight(20) + "1234567890" + "PPD" + "RENT".PadRight(10) + "".PadRight(6)
            + "261202" + "   " + "1" + "09100001" + "0000002", lines[5]);
        Assert.Equal("6" + "32" + "121042882" + "55501".PadRight(17) + "0000295025" + "LANDLORD-1".PadRight(15)
            + "MARY MAJOR".PadRight(22) + "  " + "0" + "091000010000043", lines[6]);
        Assert.Equal("8" + "220" + "000001" + "0012104288" + "000000000000" + "000000295025" + "1234567890" + "".PadRight(25)
            + "09100001" + "0000002", lines[7]);

        Assert.Equal("9" + "000002" + "000001" + "00000003" + "0036342299" + "000000150007" + "000000295025" + "".PadRight(39), lines[8]);
        Assert.Equal(new string('9', 94), lines[9]);
        Assert.Equal(["091000010000041", "091000010000043", "091000010000042"], file.TraceNumbers);
        Assert.Equal(44, file.NextSequence);
    }

    [Fact]
    public void Prenotes_carry_no_amount_and_micro_entries_share_a_mixed_batch()
    {
        var prenote = RentDebit(1500m) with { Prenote = true };
        var micro = new[]
        {
            Payout(0.32m) with { Description = EntryDescriptions.AccountVerification },
            Payout(0.45m) with { Description = EntryDescriptions.AccountVerification },
            RentDebit(0.77m) with { SecCode = "PPD", PaymentType = null, Description = EntryDescriptions.AccountVerification },
        };

        var file = NachaOrigination.Build(DirectPay, Created, 'B', 1, [prenote, .. micro]);

        var lines = Lines(file.Bytes);
        Assert.Equal("28", lines[2][1..3]);
        Assert.Equal("0000000000", lines[2][29..39]);
        Assert.Equal("5200", lines[4][..4]);
        Assert.Equal("ACCTVERIFY", lines[4][53..63]);
        Assert.Equal(["32", "32", "27"], lines[5..8].Select(l => l[1..3]));
        Assert.Equal("000000000077" + "000000000077", lines[8][20..44]);
    }

    [Fact]
    public void The_entry_hash_keeps_its_rightmost_ten_digits()
    {
        var entries = Enumerable.Range(0, 101).Select(_ => RentDebit(1m, routing: "999999992")).ToList();

        var file = NachaOrigination.Build(DirectPay, Created, 'A', 1, entries);

        Assert.Equal(101L * 99999999 % 10_000_000_000, file.File.EntryHash);
        var control = Lines(file.Bytes).Single(l => l.StartsWith('9') && l != new string('9', 94));
        Assert.Equal("0099999899", control[21..31]); // 10,099,999,899 without its leading 1
    }

    [Fact]
    public void An_amount_fits_the_field_up_to_99_999_999_99()
    {
        var largest = NachaOrigination.Build(DirectPay, Created, 'A', 1, [Payout(99_999_999.99m)]);
        Assert.Equal("9999999999", Lines(largest.Bytes)[2][29..39]);

        Assert.Throws<ArgumentException>(() => NachaOrigination.Build(DirectPay, Created, 'A', 1, [Payout(100_000_000.00m)]));
    }

    [Fact]
    public void A_value_longer_than_its_field_is_refused_rather_than_written_over_its_neighbour()
    {
        Assert.Throws<ArgumentException>(() => NachaOrigination.Build(DirectPay with { ImmediateOrigin = "12345678901" }, Created, 'A', 1, [Payout(1m)]));
    }

    [Fact]
    public void An_immediate_origin_given_with_its_leading_blank_is_DirectPay_s_own()
    {
        var file = NachaOrigination.Build(DirectPay with { ImmediateOrigin = " 091000019" }, Created, 'A', 1, [Payout(1m)]);

        Assert.Equal(" 091000019", Encoding.ASCII.GetString(file.Bytes, 13, 10));
    }

    [Fact]
    public void A_live_entry_of_nothing_is_not_sent()
    {
        var error = Assert.Throws<NachaFormatException>(() => NachaOrigination.Build(DirectPay, Created, 'A', 1, [Payout(0m)]));

        Assert.Equal((3, "amount"), (error.Line, error.Field));
    }

    [Fact]
    public void Trace_sequences_ascend_within_a_file_and_wrap_only_between_files()
    {
        var end = NachaOrigination.Build(DirectPay, Created, 'A', 9_999_998, [Payout(1m), Payout(2m)]);
        Assert.Equal(["091000019999998", "091000019999999"], end.TraceNumbers);
        Assert.Equal(1, end.NextSequence);

        var across = NachaOrigination.Build(DirectPay, Created, 'B', 9_999_999, [Payout(1m), Payout(2m)]);
        Assert.Equal(["091000010000001", "091000010000002"], across.TraceNumbers);
        Assert.Equal(3, across.NextSequence);
    }

    [Fact]
    public void Reading_then_writing_a_canonical_file_gives_the_same_bytes()
    {
        var built = NachaOrigination.Build(DirectPay, Created, 'C', 500,
            [RentDebit(10.10m), Payout(20.20m, sec: "CCD") with { PaymentInformation = "RENT NOV 2026 UNIT 4B" }, RentDebit(30.30m) with { Prenote = true }]);
        Assert.Equal(built.Bytes, NachaWriter.Write(NachaReader.Read(built.Bytes)));

        var handBuilt = HandBuilt.CrLf([.. HandBuilt.ReturnFile(), .. Enumerable.Repeat(new string('9', 94), 8)]);
        Assert.Equal(handBuilt, Encoding.ASCII.GetString(NachaWriter.Write(NachaReader.Read(handBuilt))));
    }

    [Fact]
    public void Random_files_always_pass_the_reader_and_survive_a_round_trip()
    {
        var random = new Random(16);
        string[] routings = ["231380104", "121042882", "011000015", "021000021", "026009593", "999999992"];
        for (var i = 0; i < 200; i++)
        {
            var entries = Enumerable.Range(0, random.Next(1, 40)).Select(_ =>
            {
                var routing = routings[random.Next(routings.Length)];
                var amount = random.Next(1, 1_000_000) / 100m;
                return random.Next(3) switch
                {
                    0 => RentDebit(amount, routing, random.Next(2) == 0 ? WebPaymentType.Single : WebPaymentType.Recurring),
                    1 => Payout(amount, routing, random.Next(2) == 0 ? "PPD" : "CCD") with { Prenote = random.Next(5) == 0 },
                    _ => RentDebit(amount, routing, description: EntryDescriptions.Reinitiated) with { EffectiveDate = Tomorrow.AddDays(1) },
                };
            }).ToList();

            var file = NachaOrigination.Build(DirectPay, Created, (char)('A' + i % 26), random.Next(1, 9_999_999), entries);

            Assert.Equal(file.File, NachaReader.Read(file.Bytes), NachaFileComparer.Instance);
            Assert.Equal(file.Bytes, NachaWriter.Write(NachaReader.Read(file.Bytes)));
        }
    }

    [Theory]
    [InlineData("a foreign trace prefix", 3, "trace number")]
    [InlineData("traces out of order", 4, "trace number")]
    [InlineData("a WEB credit", 3, "payment type code")]
    [InlineData("a description of someone else's", 2, "company entry description")]
    [InlineData("a micro-entry of a dollar", 3, "amount")]
    [InlineData("a batch number out of sequence", 2, "batch number")]
    [InlineData("micro-entries taking back more than they deposit", 5, "total debit entry dollar amount")]
    public void A_file_DirectPay_must_not_send_is_refused_before_it_leaves(string name, int line, string field)
    {
        var file = NachaOrigination.Build(DirectPay, Created, 'A', 10, [RentDebit(1m), RentDebit(2m)]).File;
        var batch = file.Batches[0];
        var bad = name switch
        {
            "a foreign trace prefix" => file with { Batches = [batch with { Entries = [batch.Entries[0] with { TraceNumber = "021000020000010" }, batch.Entries[1]] }] },
            "traces out of order" => file with { Batches = [batch with { Entries = [batch.Entries[1], batch.Entries[0]] }] },
            "a WEB credit" => file with { Batches = [batch with { Header = batch.Header with { ServiceClassCode = 200 },
                Entries = [batch.Entries[0] with { TransactionCode = 22 }, batch.Entries[1]] }] },
            "a description of someone else's" => file with { Batches = [batch with { Header = batch.Header with { EntryDescription = "PAYROLL" } }] },
            "a micro-entry of a dollar" => file with { Batches = [batch with { Header = batch.Header with { EntryDescription = "ACCTVERIFY", SecCode = "PPD", ServiceClassCode = 200 },
                Entries = [batch.Entries[0] with { TransactionCode = 22, Amount = 1.00m }, batch.Entries[1]] }] },
            "micro-entries taking back more than they deposit" => file with { Batches = [batch with { Header = batch.Header with { EntryDescription = "ACCTVERIFY", SecCode = "PPD", ServiceClassCode = 200 },
                Entries = [batch.Entries[0] with { TransactionCode = 22, Amount = 0.10m }, batch.Entries[1] with { Amount = 0.50m }] }] },
            _ => file with { Batches = [batch with { Header = batch.Header with { BatchNumber = 2 } }] },
        };

        var error = Assert.Throws<NachaFormatException>(() => NachaOrigination.Validate(NachaWriter.Write(bad), DirectPay));

        Assert.Equal((line, field), (error.Line, error.Field));
    }
}

/// <summary>Files compare by their values, lists included.</summary>
internal sealed class NachaFileComparer : IEqualityComparer<NachaFile>
{
    public static readonly NachaFileComparer Instance = new();

    public bool Equals(NachaFile? x, NachaFile? y) =>
        x!.Header == y!.Header && x.Batches.Count == y.Batches.Count && x.Batches.Zip(y.Batches).All(b =>
            b.First.Header == b.Second.Header && b.First.MessageAuthenticationCode == b.Second.MessageAuthenticationCode
            && b.First.Entries.Count == b.Second.Entries.Count && b.First.Entries.Zip(b.Second.Entries).All(e =>
                (e.First with { Addenda = [] }) == (e.Second with { Addenda = [] }) && e.First.Addenda.SequenceEqual(e.Second.Addenda)));

    public int GetHashCode(NachaFile file) => file.Header.GetHashCode();
}
