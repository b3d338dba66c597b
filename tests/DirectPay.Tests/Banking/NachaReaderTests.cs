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
    }

    [Fact]
    public void The_same_file_reads_alike_with_CR_LF_padding_and_blank_lines_at_the_end_or_with_no_line_breaks()
    {
        var records = ReturnFile();
        var padded = CrLf([.. records, .. Enumerable.Repeat(new string('9', 94), 8)]) + "\r\n\n";
        var expected = NachaReader.Read(Lf(records));

        foreach (var shape in new[] { padded, string.Concat(records), Lf(records) + "\n" })
        {
            var file = NachaReader.Read(shape);
            Assert.Equal(expected.Header, file.Header);
            Assert.Equal(expected.Entries.Select(e => (e.TraceNumber, e.Amount, e.Return)), file.Entries.Select(e => (e.TraceNumber, e.Amount, e.Return)));
        }
    }

    [Fact]
    public void Notifications_of_change_give_the_corrected_data_of_each_code()
    {
        string[] records =
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
        string[] records =
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

        var file = NachaReader.Read(Lf(records));

        Assert.Equal(new TimeOnly(9, 30), file.Header.CreationTime);
        Assert.Equal('7', file.Header.FileIdModifier);
        Assert.Equal(["RMR*IV*1001**500.00\\", "RMR*IV*1002**500.00\\"], file.Batches[0].Entries[0].Addenda.Cast<PaymentAddenda>().Select(a => a.Information));
        Assert.Equal(new PaymentAddenda("INVOICE 77", 1), Assert.Single(file.Batches[1].Entries[0].Addenda));
        Assert.Equal(104200m / 100, file.TotalCredits);
    }
}
