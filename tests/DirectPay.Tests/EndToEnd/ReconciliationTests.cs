using DirectPay.Data;
using DirectPay.Domain;
using System.Net;
using System.Text;
using System.Text.Json;

namespace DirectPay.Tests.EndToEnd;

[Collection(AppCollection.Name)]
public class ReconciliationTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task Reconciliation_finds_a_missing_line_an_extra_line_and_an_amount_mismatch()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var matched = await scenario.PayAsync(amount: 100.00m, rail: "instant");
        var missing = await scenario.PayAsync(amount: 200.00m, rail: "instant");
        var mismatched = await scenario.PayAsync(amount: 300.00m, rail: "instant");
        foreach (var id in new[] { matched, missing, mismatched }) await scenario.WaitForStatusAsync(id, "completed");

        // Plant the bank's mistakes: it lost the landlord's line of one payment and misstated another.
        await ExecuteAsync("DELETE FROM bank_statements WHERE bank_reference = $1 AND direction = 'credit'", missing.ToString());
        await ExecuteAsync("UPDATE bank_statements SET amount = 299.00 WHERE bank_reference = $1 AND direction = 'credit'", mismatched.ToString());
        var extraReference = $"WIRE-{Guid.NewGuid():N}"[..20];
        var admin = await App.AdminAsync();
        var import = await PostAsync(admin, "/api/v1/admin/bank-statements",
            $"bank_account_id,value_date,amount,direction,bank_reference\n{scenario.PayeeAccountId},2027-01-20,42.00,credit,{extraReference}\n", "text/csv");
        Assert.Equal(1, (await import.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("imported").GetInt32());

        var requested = await (await PostAsync(admin, "/api/v1/admin/reconciliation/runs", "", "application/json")).ReadJsonAsync(HttpStatusCode.Accepted);
        var report = await WaitForRunAsync(admin, requested.Id());

        var findings = report.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("bank_account_id").GetString() == scenario.PayeeAccountId.ToString())
            .Select(f => $"{f.GetProperty("outcome").GetString()} {f.GetProperty("reference").GetString()}").Order().ToArray();
        Assert.Equal(new[]
        {
            $"amount_mismatch {mismatched}", $"missing_from_statement {missing}", $"unmatched_statement_line {extraReference}",
        }.Order(), findings);
        Assert.Equal("reconciliation_missing_from_statement", PaymentScenario.Steps(await scenario.HistoryAsync(missing))[^1].Split(' ')[1]);
        Assert.Equal("reconciliation_amount_mismatch", PaymentScenario.Steps(await scenario.HistoryAsync(mismatched))[^1].Split(' ')[1]);

        // A second run finds the same and does not record it twice.
        var again = await (await PostAsync(admin, "/api/v1/admin/reconciliation/runs", "", "application/json")).ReadJsonAsync(HttpStatusCode.Accepted);
        await WaitForRunAsync(admin, again.Id());
        Assert.Equal(4, (await scenario.HistoryAsync(missing)).Length);
        var latest = await (await admin.GetAsync("/api/v1/admin/reconciliation")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("completed", latest.GetProperty("status").GetString());
        Assert.True(report.GetProperty("matched").GetInt32() >= 4); // at least the renter's three debits and one landlord credit
    }

    /// <summary>The statement lines of an account only this test uses: the worker writes others' lines whenever their transfers settle.</summary>
    private Task<long> LinesOfAsync(Guid account) => App.ScalarAsync<long>("SELECT count(*) FROM bank_statements WHERE bank_account_id = $1", account);

    [Fact]
    public async Task Imports_name_the_bad_line_and_store_nothing()
    {
        var admin = await App.AdminAsync();
        var landlord = await App.SignUpAsync("landlord");
        var account = await landlord.AddBankAccountAsync();
        var before = await LinesOfAsync(account);

        var badAmount = await PostAsync(admin, "/api/v1/admin/bank-statements",
            $$"""[{"bank_account_id":"{{account}}","value_date":"2027-01-02","amount":10.00,"direction":"credit","bank_reference":"A"},{"bank_account_id":"{{account}}","value_date":"2027-01-02","amount":-5,"direction":"credit","bank_reference":"B"}]""",
            "application/json");
        Assert.Equal(["lines[1].amount"], (await badAmount.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var nullLine = await PostAsync(admin, "/api/v1/admin/bank-statements", "[null]", "application/json");
        Assert.Equal(["lines[0]"], (await nullLine.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var badHeader = await PostAsync(admin, "/api/v1/admin/bank-statements", "account,date\nx,y\n", "text/csv");
        await badHeader.ReadProblemAsync(HttpStatusCode.BadRequest);
        var xml = await PostAsync(admin, "/api/v1/admin/bank-statements", "<lines/>", "application/xml");
        await xml.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await (await PostAsync(landlord, "/api/v1/admin/bank-statements", "[]", "application/json")).ReadProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(before, await LinesOfAsync(account));
    }

    [Fact]
    public async Task Csv_takes_quoted_fields_and_refuses_a_malformed_row_whole()
    {
        var admin = await App.AdminAsync();
        var account = await (await App.SignUpAsync("landlord")).AddBankAccountAsync();
        const string Header = "bank_account_id,value_date,amount,direction,bank_reference\r\n";
        var reference = $"Q\"{Guid.NewGuid():N}"[..12] + ",X"; // a quote and a comma, as RFC 4180 quotes them
        var quoted = $"\"{reference.Replace("\"", "\"\"")}\"";

        var imported = await PostAsync(admin, "/api/v1/admin/bank-statements",
            $"{Header}{account},2027-01-02,\"1,234.50\",credit,{quoted}\r\n", "text/csv");
        Assert.Equal(1, (await imported.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("imported").GetInt32());
        Assert.Equal(1234.50m, await App.ScalarAsync<decimal>("SELECT amount FROM bank_statements WHERE bank_reference = $1", reference));

        var before = await LinesOfAsync(account);
        var good = $"{account},2027-01-03,5.00,credit,GOOD-{Guid.NewGuid():N}"[..60];
        var extraField = await PostAsync(admin, "/api/v1/admin/bank-statements", $"{Header}{good}\r\n{account},2027-01-03,5.00,credit,A,B\r\n", "text/csv");
        Assert.Equal(["lines[1]"], (await extraField.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var badQuote = await PostAsync(admin, "/api/v1/admin/bank-statements", $"{Header}{good}\r\n{account},2027-01-03,5.00,credit,\"A\"B\r\n", "text/csv");
        Assert.Equal(["lines[1]"], (await badQuote.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(before, await LinesOfAsync(account));
    }

    [Fact]
    public async Task The_workers_request_one_scheduled_run_per_period_and_the_database_refuses_a_second()
    {
        const string LatestPeriod = "SELECT max(scheduled_for) FROM reconciliation_runs";
        const string RunsOfPeriod = "SELECT count(*) FROM reconciliation_runs WHERE scheduled_for = $1";
        var untilNextPeriod = ReconciliationRun.PeriodOf(DateTimeOffset.UtcNow, TimeSpan.FromHours(1)).AddHours(1) - DateTimeOffset.UtcNow;
        if (untilNextPeriod < TimeSpan.FromSeconds(20)) await Task.Delay(untilNextPeriod + TimeSpan.FromSeconds(2)); // the test within one period
        await Eventually.TrueAsync(async () => await App.ScalarAsync<DateTime?>(LatestPeriod) is not null, "No scheduled run was requested.");
        var period = (await App.ScalarAsync<DateTime?>(LatestPeriod))!.Value;

        var second = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => App.ScalarAsync<object>(
            "INSERT INTO reconciliation_runs (id, trigger, status, matched, unmatched_statement_lines, missing_from_statement, " +
            "amount_mismatches, created_at, scheduled_for) VALUES (gen_random_uuid(), 'scheduled', 'requested', 0, 0, 0, 0, now(), $1)", period));
        Assert.Equal(ConstraintNames.ReconciliationRunPeriod, second.ConstraintName);

        // Gone, as if never requested: every worker asks again within a second, and one run is let in.
        for (var round = 0; round < 3; round++)
        {
            Assert.True(await App.ScalarAsync<long>("WITH gone AS (DELETE FROM reconciliation_runs WHERE scheduled_for = $1 RETURNING 1) " +
                                                    "SELECT count(*) FROM gone", period) == 1);
            await Eventually.TrueAsync(async () => await App.ScalarAsync<long>(RunsOfPeriod, period) > 0, "The period's run was never requested again.");
            await App.RoundsAsync("ReconciliationJob"); // every worker has asked again since
            Assert.Equal(1L, await App.ScalarAsync<long>(RunsOfPeriod, period));
        }
    }

    [Fact]
    public async Task A_settlement_day_agrees_with_the_bank_and_a_posting_no_entry_explains_is_found()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var paymentId = await scenario.PayAsync();
        var settled = DateOnly.Parse((await scenario.WaitForStatusAsync(paymentId, "completed")).GetProperty("expected_settlement_date").GetString()!);
        var admin = await App.AdminAsync();

        // The payment's window has closed, so its settlement day is final at the bank and in DirectPay's collection.
        var day = (await SettlementRunAsync(admin, settled)).GetProperty("settlement");
        Assert.Equal($"{settled:yyyy-MM-dd}", day.GetProperty("date").GetString());
        Assert.True(day.GetProperty("agrees").GetBoolean(), $"The settlement day does not agree: {day}");
        Assert.True(day.GetProperty("expected_in").GetDecimal() >= 1500.00m, $"{day}"); // this debit, and whatever else settled that day

        // The bank books 42.00 into the settlement account that no entry of DirectPay's explains.
        await App.BankScalarAsync<int>(
            "INSERT INTO postings (id, routing_number, account_number, amount, booked_on, reference, description, posted_at) " +
            "VALUES (gen_random_uuid(), $1, $2, 42.00, $3, 'PLANTED', 'not DirectPay''s', now()) RETURNING 1",
            DirectPay.AppHost.BankAgreement.BankRouting, DirectPay.AppHost.BankAgreement.SettlementAccount, settled);
        var planted = (await SettlementRunAsync(admin, settled)).GetProperty("settlement");
        Assert.False(planted.GetProperty("agrees").GetBoolean());
        Assert.Equal((day.GetProperty("expected_in").GetDecimal(), 42.00m), (planted.GetProperty("expected_in").GetDecimal(),
            planted.GetProperty("bank_in").GetDecimal() - planted.GetProperty("expected_in").GetDecimal()));
        Assert.Equal(day.GetProperty("bank_closing_balance").GetDecimal() + 42.00m, planted.GetProperty("bank_closing_balance").GetDecimal());

        // A day that is not over is not checked: the run says nothing of it.
        Assert.Equal(JsonValueKind.Null, (await SettlementRunAsync(admin, new DateOnly(2049, 12, 31))).GetProperty("settlement").ValueKind);
    }

    private async Task<JsonElement> SettlementRunAsync(Caller admin, DateOnly date)
    {
        var accepted = await (await PostAsync(admin, $"/api/v1/admin/reconciliation/runs?settlement_date={date:yyyy-MM-dd}", "", "application/json"))
            .ReadJsonAsync(HttpStatusCode.Accepted);
        return await WaitForRunAsync(admin, accepted.Id());
    }

    private async Task<HttpResponseMessage> PostAsync(Caller caller, string path, string body, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Authorization = new("Bearer", caller.Token);
        return await App.Http.SendAsync(request);
    }

    private async Task ExecuteAsync(string sql, string reference)
    {
        await using var command = App.Database.CreateCommand(sql);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = reference });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static async Task<JsonElement> WaitForRunAsync(Caller admin, Guid runId)
    {
        JsonElement run = default;
        await Eventually.TrueAsync(async () =>
        {
            run = await (await admin.GetAsync($"/api/v1/admin/reconciliation/runs/{runId}")).ReadJsonAsync(HttpStatusCode.OK);
            return run.GetProperty("status").GetString() == "completed";
        }, "The reconciliation run never completed.");
        return run;
    }
}
