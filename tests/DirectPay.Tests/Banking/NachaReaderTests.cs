using DirectPay.Banking.Nacha;
using static DirectPay.Tests.Banking.HandBuilt;

namespace DirectPay.Tests.Banking;

/// <summary>The reader takes files in shapes DirectPay's writer never produces.</summary>
public class NachaReaderTests
{
    [Fact]
    public void A_return_file_with_LF_line_ends_no_padding_and_no_final_line_end_is_read_whole()
    {
        var file = NachaReader.Read(Lf(ReturnFile()));

        Assert.Equal("091000019", file.Header.ImmediateDestination);
        Assert.Equal("0210000210", file.Header.ImmediateOrigin);
        Assert.Null(file.Header.CreationTime);
        Assert.Equal(new DateOnly(2026, 12, 1), file.Header.CreationDate);
        Assert.Equal(2, file.Batches.Count);

        var web = file.Batches[0];
        Assert.Equal((225, "WEB", "RENT", "335"), (web.Header.ServiceClassCode, web.Header.SecCode, web.Header.EntryDescription, web.Header.SettlementDate));
        Assert.Equal(new DateOnly(2026, 12, 1), web.Header.EffectiveEntryDate);
        var first = web.Entries[0];
        Assert.Equal((26, "231380104", "123456789", 1500.00m, "JANE DOE", "R"),
            (first.TransactionCode, first.RoutingNumber, first.AccountNumber, first.Amount, first.ReceiverName, first.DiscretionaryData));
        Assert.Equal(new ReturnAddenda("R01", "091000010000042", null, "23138010", ""), first.Return);
        var deceased = web.Entries[1].Return!;
        Assert.Equal(("R15", new DateOnly(2026, 11, 15), "DECEASED"), (deceased.ReturnCode, deceased.DateOfDeath, deceased.Information));
        Assert.Equal(725.50m, web.Entries[1].Amount);

        var ppd = file.Batches[1];
        Assert.Equal(("R03", 2500.00m), (ppd.Entries[0].Return!.ReturnCode, ppd.Entries[0].Amount));
        Assert.Equal((2225.50m, 2500.00m, 36342299L), (file.TotalDebits, file.TotalCredits, file.EntryHash));
        Assert.Equal(["1500.00", "725.50", "2500.00", "2500.00"], // money keeps its cents, as it does in the database and in JSON
            file.Entries.Select(e => e.Amount).Append(file.TotalCredits).Select(a => a.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_same_file_reads_alike_with_CR_LF_padding_and_blank_lines_at_the_end_or_with_no_line_breaks()
    {
        var records = ReturnFile();
        var padded = CrLf([.. records, .. Enumerable.Repeat(new string('9', 94), 8)]) + "\r\n\n";
        var expected = NachaReader.Read(Lf(records));

        string[] shapes =
        [
            padded, string.Concat(records), Lf(records) + "\n", string.Concat(records) + "\n", string.Concat(records) + "\r\n",
            "\uFEFF" + CrLf(records), Lf(records) + "\n\u001A", string.Concat(records) + "\u001A",
            CrLf(records.Chunk(10).Select(chunk => string.Concat(chunk))), // a block of ten records to a line
        ];
        foreach (var shape in shapes)
        {
            var file = NachaReader.Read(shape);
            Assert.Equal(expected.Header, file.Header);
            Assert.Equal(expected.Entries.Select(e => (e.TraceNumber, e.Amount, e.Return)), file.Entries.Select(e => (e.TraceNumber, e.Amount, e.Return)));
        }
    }

    [Fact]
    public void Notifications_of_change_give_the_corrected_data_of_each_code()
    {
        var records = ChangeFile();

        var file = NachaReader.Read(CrLf(records));

        Assert.Equal("0091000019", file.Header.ImmediateDestination);
        var changes = file.Entries.Select(e => e.Change!).ToList();
        Assert.Equal(["C01", "C02", "C03", "C05", "C06", "C07"], changes.Select(c => c.ChangeCode));
        Assert.Equal("091000010000050", changes[0].OriginalTraceNumber);
        var corrections = changes.Select(c => NocCorrection.Read(c.ChangeCode, c.CorrectedData, out _)).ToList();
        Assert.Equal(new NocCorrection(null, "1111222233334444", null, null), corrections[0]);
        Assert.Equal(new NocCorrection("011000015", null, null, null), corrections[1]);
        Assert.Equal(new NocCorrection("021000021", "98765432", null, null), corrections[2]);
        Assert.Equal(new NocCorrection(null, null, 27, null), corrections[3]);
        Assert.Equal(new NocCorrection(null, "12345", 37, null), corrections[4]);
        Assert.Equal(new NocCorrection("026009593", "4444", 37, null), corrections[5]);
    }

    [Fact]
    public void Corporate_entries_carry_their_payment_related_addenda_and_CTX_carries_several()
    {
        var records = CorporateFile();

        var file = NachaReader.Read(Lf(records));

        Assert.Equal(new TimeOnly(9, 30), file.Header.CreationTime);
        Assert.Equal('7', file.Header.FileIdModifier);
        Assert.Equal(["RMR*IV*1001**500.00\\", "RMR*IV*1002**500.00\\"], file.Batches[0].Entries[0].Addenda.Cast<PaymentAddenda>().Select(a => a.Information));
        Assert.Equal(new PaymentAddenda("INVOICE 77", 1), Assert.Single(file.Batches[1].Entries[0].Addenda));
        Assert.Equal(104200m / 100, file.TotalCredits);
    }

    [Fact]
    public void A_file_of_exactly_one_block_counts_one_block()
    {
        string[] records =
        [
            .. ReturnFile()[..6],
            Entry(26, "011000015", "777", 1000, "AL BO", "021000020000003", addenda: true, discretionary: "S"),
            Return("R02", "091000010000045", "01100001", "021000020000003"),
            BatchControl(225, 6, 36342299, 223550, 0, "02100002", 1),
            FileControl(1, 1, 6, 36342299, 223550, 0),
        ];

        var file = NachaReader.Read(Lf(records));

        Assert.Equal((10, 1), (file.RecordCount, file.BlockCount));
    }

    [Fact]
    public void The_file_entry_hash_keeps_ten_digits_of_the_sum_across_batches()
    {
        // Each batch's hash fits ten digits (60 x 99,999,999); their sum, 11,999,999,880, does not.
        IEnumerable<string> Batch(int number)
        {
            yield return BatchHeader(220, "PPD", "02100002", number);
            for (var i = 0; i < 60; i++) yield return Entry(22, "999999992", "1", 100, "PAYEE", $"02100002{number * 100 + i:D7}");
            yield return BatchControl(220, 60, 5_999_999_940, 0, 6000, "02100002", number);
        }
        string[] records = [FileHeader(), .. Batch(1), .. Batch(2), FileControl(2, 13, 120, 1_999_999_880, 0, 12000)];

        var file = NachaReader.Read(Lf(records));

        Assert.Equal(1_999_999_880, file.EntryHash);
    }

    [Fact]
    public void An_acknowledgment_entry_ATX_carries_several_addenda()
    {
        string[] records =
        [
            FileHeader(),
            BatchHeader(220, "ATX", "02100002", 1, description: "ACK"),
            Entry(24, "091000019", "10001", 0, "0002DIRECTPAY", "021000020000001", addenda: true),
            Payment("ACK OF 091000010000001", 1, "0000001"),
            Payment("RMR*IV*1001**500.00\\", 2, "0000001"),
            BatchControl(220, 3, 9100001, 0, 0, "02100002", 1),
            FileControl(1, 1, 3, 9100001, 0, 0),
        ];

        var entry = Assert.Single(NachaReader.Read(CrLf(records)).Entries);

        Assert.Equal(2, entry.Addenda.Count);
    }

    [Theory]
    [InlineData("C03", "021000021999     98765432")]
    [InlineData("C06", "12345            37")]
    public void Corrected_data_in_the_gap_between_its_fields_is_refused(string code, string data)
    {
        Assert.Null(NocCorrection.Read(code, data, out var problem));
        Assert.Contains(code, problem);
        Assert.DoesNotContain(data.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], problem); // an account number is never echoed
    }

    [Fact]
    public void A_C06_with_its_code_at_the_end_of_the_field_is_read()
    {
        Assert.Equal(new NocCorrection(null, "12345", 37, null), NocCorrection.Read("C06", "12345".PadRight(27) + "37", out _));
    }
}
