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

    [Fact]
    public async Task Imports_name_the_bad_line_and_store_nothing()
    {
        var admin = await App.AdminAsync();
        var landlord = await App.SignUpAsync("landlord");
        var account = await landlord.AddBankAccountAsync();
        var before = await App.CountAsync("bank_statements");

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

        Assert.Equal(before, await App.CountAsync("bank_statements"));
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
