using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DirectPay.AppHost;
using DirectPay.Banking.Connection;
using DirectPay.Banking.Nacha;
using DirectPay.Tests.Banking;
using DirectPay.Tests.EndToEnd;

namespace DirectPay.Tests.Bank;

/// <summary>
/// The bank service takes DirectPay's NACHA files as a bank does: once per identity (origin, creation date, file ID
/// modifier), answering a file it holds with its first acknowledgement, and refusing whole a file it cannot read or
/// that is not DirectPay's to send. DirectPay reaches it through its port's HTTP adapter, as the worker will.
/// </summary>
[Collection(AppCollection.Name)]
public class BankFileTests(DirectPayApp app) : EndToEndTest(app)
{
    private static readonly AchOriginator DirectPay = BankTestFiles.DirectPay;

    /// <summary>Three entries effective far beyond any banking date a test run reaches, so they wait at the bank for the whole run.</summary>
    private static OriginationFile NewFile(AchOriginator? originator = null) =>
        BankTestFiles.Build([.. new[] { NachaWriterTests.RentDebit(1250.00m), NachaWriterTests.Payout(1100.00m), NachaWriterTests.RentDebit(40.10m) }
            .Select(e => e with { EffectiveDate = new DateOnly(2049, 12, 31) })], originator);

    private BankHttpConnection Connection() => new(App.BankHttp());

    private async Task<long> ReceivedFilesAsync(DateOnly created)
    {
        await using var count = App.BankDatabase.CreateCommand("SELECT count(*) FROM received_files WHERE creation_date = $1");
        count.Parameters.AddWithValue(created);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_file_is_acknowledged_with_its_identity_counts_and_totals_and_its_entries_wait_at_the_bank()
    {
        var file = NewFile();

        var ack = await Connection().SubmitAchFileAsync(file.Bytes, CancellationToken.None);

        Assert.Equal((BankAgreement.ImmediateOrigin, file.File.Header.CreationDate, file.File.Header.FileIdModifier.ToString()),
            (ack.ImmediateOrigin, ack.CreationDate, ack.FileIdModifier));
        Assert.Equal((3, 1290.10m, 1100.00m), (ack.EntryCount, ack.TotalDebit, ack.TotalCredit));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file.Bytes)), ack.Sha256);
        await using var entries = App.BankDatabase.CreateCommand(
            "SELECT trace_number, amount, status FROM received_entries WHERE file_id = $1 ORDER BY trace_number");
        entries.Parameters.AddWithValue(ack.FileId);
        var rows = new List<(string, decimal, string)>();
        await using (var reader = await entries.ExecuteReaderAsync())
            while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetDecimal(1), reader.GetString(2)));
        Assert.Equal(file.TraceNumbers.Zip([1250.00m, 1100.00m, 40.10m], (t, a) => (t, a, "received")).OrderBy(r => r.t), rows);
    }

    [Fact]
    public async Task A_file_the_bank_holds_is_answered_with_its_first_acknowledgement_however_often_and_concurrently_it_comes()
    {
        var file = NewFile();
        var first = await Connection().SubmitAchFileAsync(file.Bytes, CancellationToken.None);

        var again = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Connection().SubmitAchFileAsync(file.Bytes, CancellationToken.None)));

        Assert.All(again, ack =>
        {
            Assert.Equal(first with { Settlements = [] }, ack with { Settlements = [] });
            Assert.Equal(first.Settlements, ack.Settlements);
        });
        Assert.Equal(1, await ReceivedFilesAsync(file.File.Header.CreationDate));
    }

    [Fact]
    public async Task Files_sent_at_once_for_the_first_time_are_held_once()
    {
        var file = NewFile();

        var acks = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Connection().SubmitAchFileAsync(file.Bytes, CancellationToken.None)));

        Assert.Single(acks.Select(a => a.FileId).Distinct());
        Assert.Equal(1, await ReceivedFilesAsync(file.File.Header.CreationDate));
    }

    [Fact]
    public async Task A_malformed_file_is_refused_whole_naming_the_line_and_field()
    {
        var file = NewFile();
        var bytes = file.Bytes.ToArray();
        bytes[96 * 2 + 29] = (byte)'X'; // the first entry's amount (line 3, position 30), past the CR LF of two lines

        using var response = await App.BankHttp().PostAsync("ach/files", new ByteArrayContent(bytes) { Headers = { ContentType = new("text/plain") } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((3, "amount"), (problem.GetProperty("line").GetInt32(), problem.GetProperty("field").GetString()));
        Assert.StartsWith("Line 3, amount:", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await ReceivedFilesAsync(file.File.Header.CreationDate));
        var refused = await Assert.ThrowsAsync<BankRefusedException>(() => Connection().SubmitAchFileAsync(bytes, CancellationToken.None));
        Assert.Equal(400, refused.Status);
    }

    [Theory]
    [InlineData("another bank's file", "immediate destination")]
    [InlineData("another originator's file", "immediate origin")]
    [InlineData("another company's batch", "company identification")]
    public async Task A_file_that_is_not_DirectPays_to_send_is_refused(string name, string field)
    {
        var file = NewFile(name switch
        {
            "another bank's file" => DirectPay with { OdfiRouting = "091000019" },
            "another originator's file" => DirectPay with { ImmediateOrigin = "1111111111" },
            _ => DirectPay with { CompanyIdentification = "1222222222" },
        });

        var refused = await Assert.ThrowsAsync<BankRefusedException>(() => Connection().SubmitAchFileAsync(file.Bytes, CancellationToken.None));

        Assert.Equal(422, refused.Status);
        Assert.StartsWith($"{field}:", refused.Detail);
        Assert.Equal(0, await ReceivedFilesAsync(file.File.Header.CreationDate));
    }

    [Fact]
    public async Task The_bank_answers_only_its_customer_and_only_in_text()
    {
        var file = NewFile();

        using var anonymous = await App.BankHttp(withKey: false).PostAsync("ach/files", new ByteArrayContent(file.Bytes) { Headers = { ContentType = new("text/plain") } });
        using var wrongKey = new HttpRequestMessage(HttpMethod.Get, "ach/files/outbound") { Headers = { Authorization = new("Bearer", new string('x', 64)) } };
        using var wrong = await App.BankHttp(withKey: false).SendAsync(wrongKey);
        using var json = await App.BankHttp().PostAsync("ach/files", new StringContent(Encoding.ASCII.GetString(file.Bytes), Encoding.ASCII, "application/json"));
        // A stranger learns nothing from the media type: the key is checked first.
        using var anonymousJson = await App.BankHttp(withKey: false).PostAsync("ach/files", new StringContent("{}", Encoding.ASCII, "application/json"));

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.Unauthorized),
            (anonymous.StatusCode, wrong.StatusCode, json.StatusCode, anonymousJson.StatusCode));
        Assert.All(new[] { anonymous, wrong, json, anonymousJson }, r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
        Assert.Equal(0, await ReceivedFilesAsync(file.File.Header.CreationDate));
    }
}
