using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DirectPay.Banking.Nacha;
using DirectPay.Tests.Banking;

namespace DirectPay.Tests.EndToEnd;

/// <summary>ACH payments in the files exchanged with the bank, and the admin's view of those files.</summary>
[Collection(AppCollection.Name)]
public class AchFileTests(DirectPayApp app) : EndToEndTest(app)
{
    private const string Odfi = "123456780"; // the bank's routing number (AppHost BankAgreement)
    private const string DirectPayCompany = "1987654321";

    [Theory]
    [InlineData("standard_ach")]
    [InlineData("same_day_ach")]
    public async Task Each_ach_rail_goes_out_in_a_file_the_reader_validates_and_admins_see_masked(string rail)
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var paymentId = await scenario.PayAsync(rail: rail);
        var payment = await scenario.WaitForStatusAsync(paymentId, "completed");
        var trace = payment.GetProperty("trace_number").GetString()!;
        var fileId = await App.ScalarAsync<Guid>("SELECT ach_file_id FROM payments WHERE id = $1", paymentId);
        var admin = await App.Admin.Value;

        using var exact = await admin.GetAsync($"/api/v1/admin/ach/files/{fileId}?unmasked=true");
        Assert.Equal(HttpStatusCode.OK, exact.StatusCode);
        var file = NachaReader.Read(await exact.Content.ReadAsByteArrayAsync());
        var batch = Assert.Single(file.Batches, b => b.Entries.Any(e => e.TraceNumber == trace));
        var entry = Assert.Single(batch.Entries, e => e.TraceNumber == trace);
        Assert.Equal(("WEB", "RENT", DirectPayCompany), (batch.Header.SecCode, batch.Header.EntryDescription, batch.Header.CompanyIdentification));
        Assert.Equal((27, Scenario.RoutingNumber, scenario.PayerNumber, 1500.00m, "S"),
            (entry.TransactionCode, entry.RoutingNumber, entry.AccountNumber, entry.Amount, entry.DiscretionaryData));
        Assert.Equal(payment.GetProperty("expected_settlement_date").GetString(), await App.BankScalarAsync<string>(
            "SELECT settlement_date::text FROM received_entries WHERE trace_number = $1", trace));
        Assert.Equal(admin.Id, await App.ScalarAsync<Guid>(
            "SELECT actor_id FROM audit_log WHERE entity = 'ach_files' AND entity_id = $1 AND action = 'disclosed'", fileId.ToString()));

        var masked = await (await admin.GetAsync($"/api/v1/admin/ach/files/{fileId}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(scenario.PayerNumber, masked);
        Assert.Contains($"****{scenario.PayerNumber[^4..]}", masked);

        var sent = await (await admin.GetAsync("/api/v1/admin/ach/files?direction=sent&page_size=200")).ReadJsonAsync(HttpStatusCode.OK);
        var listed = Assert.Single(sent.GetProperty("items").EnumerateArray(), f => f.Id() == fileId);
        Assert.Equal(("origination", "acknowledged"), (listed.GetProperty("kind").GetString(), listed.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task A_file_recorded_but_not_sent_when_the_worker_dies_is_sent_once_by_the_next()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var banks = await App.InstancesAsync(ResourceNames.Bank);
        var workers = await App.InstancesAsync(ResourceNames.PaymentWorker);
        try
        {
            foreach (var bank in banks) await App.KillAsync(bank); // the file is recorded, and cannot leave
            var paymentId = await scenario.PayAsync();
            Guid fileId = default;
            await Eventually.TrueAsync(async () => (fileId = await App.ScalarAsync<Guid>(
                "SELECT f.id FROM ach_files f JOIN payments p ON p.ach_file_id = f.id WHERE p.id = $1 AND f.state = 'recorded'", paymentId)) != default,
                "The payment's file was never recorded.");
            foreach (var worker in workers) await App.KillAsync(worker);
            foreach (var bank in banks) await App.StartAsync(bank);
            foreach (var worker in workers) await App.StartAsync(worker);

            var trace = (await scenario.WaitForStatusAsync(paymentId, "completed")).GetProperty("trace_number").GetString()!;
            Assert.Equal("acknowledged", await App.ScalarAsync<string>("SELECT state FROM ach_files WHERE id = $1", fileId));
            var identity = await App.ScalarAsync<string>("SELECT creation_date::text || file_id_modifier FROM ach_files WHERE id = $1", fileId);
            Assert.Equal(1L, await App.BankScalarAsync<long>(
                "SELECT count(*) FROM received_files WHERE creation_date::text || file_id_modifier = $1 AND immediate_origin = $2", identity!, DirectPayCompany));
            Assert.Equal(1L, await App.BankScalarAsync<long>("SELECT count(*) FROM received_entries WHERE trace_number = $1", trace));
        }
        finally
        {
            foreach (var instance in banks.Concat(workers)) await App.EnsureRunningAsync(instance);
        }
    }

    [Fact]
    public async Task A_return_file_handed_in_by_hand_is_applied_once_and_reports_what_it_does_not_know()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var paymentId = await scenario.PayAsync();
        var trace = (await scenario.WaitForStatusAsync(paymentId, "completed")).GetProperty("trace_number").GetString()!;
        var admin = await App.Admin.Value;
        // Another software's shape: LF line ends, no block padding, a 10-digit origin, no creation time.
        var origin = Random.Shared.NextInt64(1_000_000_000, 10_000_000_000).ToString();
        var records = ReturnFile(origin, (trace, "R10"), ("999999990000001", "R01"));

        var malformed = records.ToArray();
        malformed[^2] = malformed[^2][..20] + "000000150001" + malformed[^2][32..]; // the batch's debit total is one cent off
        var refused = await (await HandInAsync(admin, HandBuilt.Lf(malformed))).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Line 7", refused.GetProperty("detail").GetString());
        Assert.Equal("completed", (await scenario.WaitForStatusAsync(paymentId, "completed")).GetProperty("status").GetString());
        Assert.Equal(0L, await App.ScalarAsync<long>("SELECT count(*) FROM ach_files WHERE immediate_origin = $1", origin));

        var applied = await (await HandInAsync(admin, HandBuilt.Lf(records))).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(1, applied.GetProperty("returns").GetInt32());
        Assert.Equal(["999999990000001"], applied.GetProperty("unmatched_trace_numbers").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("R10", (await scenario.WaitForStatusAsync(paymentId, "returned")).GetProperty("failure_code").GetString());

        var again = await (await HandInAsync(admin, HandBuilt.Lf(records))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(again.GetProperty("already_applied").GetBoolean());
        Assert.Equal(1L, await App.ScalarAsync<long>(
            "SELECT count(*) FROM payment_events WHERE payment_id = $1 AND event_type = 'payment_returned'", paymentId));
        Assert.Equal(1L, await App.ScalarAsync<long>("SELECT count(*) FROM ach_files WHERE immediate_origin = $1", origin));
    }

    [Fact]
    public async Task A_late_return_of_a_partly_refunded_payment_is_taken_back_from_the_landlord_whole()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var paymentId = await scenario.PayAsync();
        var trace = (await scenario.WaitForStatusAsync(paymentId, "completed")).GetProperty("trace_number").GetString()!;
        var refundId = (await (await RefundTests.PostRefundAsync(App, scenario.Landlord, paymentId, new { amount = 500.00m, reason = "deposit" }))
            .ReadJsonAsync(HttpStatusCode.Created)).Id();
        await RefundTests.WaitForRefundAsync(scenario, paymentId, refundId, "completed");

        // The renter's bank claims the whole debit unauthorized: it takes 1,500.00 back from the settlement account.
        var admin = await App.Admin.Value;
        var origin = Random.Shared.NextInt64(1_000_000_000, 10_000_000_000).ToString();
        var applied = await (await HandInAsync(admin, HandBuilt.Lf(ReturnFile(origin, (trace, "R10"))))).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal([paymentId], applied.GetProperty("returned_after_refund").EnumerateArray().Select(p => p.GetGuid())); // 500.00 twice: to contest

        var returned = await scenario.WaitForStatusAsync(paymentId, "returned");
        Assert.Equal(("R10", 500.00m), (returned.GetProperty("failure_code").GetString(), returned.GetProperty("refunded_amount").GetDecimal()));
        // The landlord gives it all back, from their next payouts; the 500.00 they refunded of it stays given (their refund line).
        Assert.Equal("collection 1500.00, refund -500.00, return -1500.00", await App.ScalarAsync<string>(
            "SELECT string_agg(kind || ' ' || amount, ', ' ORDER BY kind) FROM payout_items WHERE payment_id = $1", paymentId));
        // The books take the whole debit back to the renter, as the bank did.
        Assert.Equal(1500.00m, await App.ScalarAsync<decimal>("""
            SELECT sum(e.amount) FROM ledger_entries e JOIN ledger_accounts l ON l.id = e.ledger_account_id
            WHERE e.source_type = 'return' AND e.source_id = $1 AND l.bank_account_id = $2
            """, paymentId, scenario.PayerAccountId));
    }

    [Fact]
    public async Task A_file_handed_in_as_anything_but_text_is_refused()
    {
        var admin = await App.Admin.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/ach/files") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin.Token);
        await (await App.Http.SendAsync(request)).ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    private Task<HttpResponseMessage> HandInAsync(Caller admin, string file) => HandInAsync(App, admin, file);

    internal static async Task<HttpResponseMessage> HandInAsync(DirectPayApp app, Caller admin, string file)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/ach/files") { Content = new StringContent(file, Encoding.ASCII, "text/plain") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin.Token);
        return await app.Http.SendAsync(request);
    }

    /// <summary>A receiving bank's return batch for debits DirectPay sent, each 1500.00, with controls worked out here.</summary>
    internal static string[] ReturnFile(string origin, params (string OriginalTrace, string Code)[] returns) => ReturnFile(origin, 26, 150000, returns);

    /// <summary>A receiving bank's return batch of entries with one transaction code (26: checking debits, 21: checking credits) and amount.</summary>
    internal static string[] ReturnFile(string origin, int transactionCode, long cents, params (string OriginalTrace, string Code)[] returns)
    {
        var debit = transactionCode % 10 >= 5;
        var serviceClass = debit ? 225 : 220;
        const string rdfi = "02100002"; // the payers' bank (Scenario.RoutingNumber), which sends the returns
        var lines = new List<string> { HandBuilt.FileHeader(destination: DirectPayCompany, origin: origin), HandBuilt.BatchHeader(serviceClass, debit ? "WEB" : "PPD", rdfi, 1, companyId: DirectPayCompany) };
        for (var i = 0; i < returns.Length; i++)
        {
            var trace = $"{rdfi}{i + 1:D7}";
            lines.Add(HandBuilt.Entry(transactionCode, Odfi, "12345678", cents, "RENTER", trace, addenda: true));
            lines.Add(HandBuilt.Return(returns[i].Code, returns[i].OriginalTrace, rdfi, trace));
        }
        long hash = 12345678L * returns.Length, total = cents * returns.Length;
        var (debits, credits) = debit ? (total, 0L) : (0L, total);
        lines.Add(HandBuilt.BatchControl(serviceClass, returns.Length * 2, hash, debits, credits, rdfi, 1, companyId: DirectPayCompany));
        lines.Add(HandBuilt.FileControl(1, 1, returns.Length * 2, hash, debits, credits));
        return [.. lines];
    }
}
