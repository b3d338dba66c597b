using System.Net;

namespace DirectPay.Tests.EndToEnd;

[Collection(AppCollection.Name)]
public class LedgerTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task A_settled_payment_moves_money_from_the_payer_to_the_payee_through_the_rails_clearing_account()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var paymentId = await scenario.PayAsync(amount: 1500.00m, rail: "wire");
        await scenario.WaitForStatusAsync(paymentId, "completed");

        Assert.Equal("-1500.00", (await BalanceAsync(scenario.Renter, scenario.PayerAccountId)).GetRawText());
        Assert.Equal("1500.00", (await BalanceAsync(scenario.Landlord, scenario.PayeeAccountId)).GetRawText());
        var entries = await (await scenario.Landlord.GetAsync($"/api/v1/bank-accounts/{scenario.PayeeAccountId}/entries"))
            .ReadJsonAsync(HttpStatusCode.OK);
        var entry = Assert.Single(entries.GetProperty("items").EnumerateArray());
        Assert.Equal(paymentId.ToString(), entry.GetProperty("source_id").GetString());
        Assert.Equal("payment", entry.GetProperty("source_type").GetString());

        var lines = await App.ScalarAsync<string>(
            "SELECT string_agg(amount::text, ',' ORDER BY id) FROM ledger_entries WHERE source_id = $1", paymentId);
        Assert.Equal("-1500.00,1500.00,-1500.00,1500.00", lines); // payer → wire clearing → payee, one transaction
        Assert.Equal(1L, await App.ScalarAsync<long>("SELECT count(DISTINCT transaction_id) FROM ledger_entries WHERE source_id = $1", paymentId));
    }

    [Fact]
    public async Task A_failed_payment_posts_nothing()
    {
        var scenario = await PaymentScenario.StartAsync(App, payerNumber: "40000002");
        var paymentId = await scenario.PayAsync(rail: "instant");
        await scenario.WaitForStatusAsync(paymentId, "failed");

        Assert.Equal("0.00", (await BalanceAsync(scenario.Renter, scenario.PayerAccountId)).GetRawText());
        Assert.Equal(0L, await App.ScalarAsync<long>("SELECT count(*) FROM ledger_entries WHERE source_id = $1", paymentId));
    }

    [Fact]
    public async Task Balances_and_entries_are_for_their_owner_and_admins_and_the_check_for_admins()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var stranger = await App.SignUpAsync("landlord");
        var admin = await App.AdminAsync();

        await BalanceAsync(admin, scenario.PayeeAccountId);
        await (await stranger.GetAsync($"/api/v1/bank-accounts/{scenario.PayeeAccountId}/balance")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/v1/bank-accounts/{scenario.PayeeAccountId}/entries")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await scenario.Renter.GetAsync($"/api/v1/bank-accounts/{scenario.PayeeAccountId}/balance")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await scenario.Landlord.GetAsync("/api/v1/admin/ledger/check")).ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_check_finds_a_balance_that_does_not_match_its_entries()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var admin = await App.AdminAsync();
        await using var tamper = App.Database.CreateCommand(
            "UPDATE ledger_accounts SET balance = balance + 0.01 WHERE bank_account_id = $1 RETURNING id");
        tamper.Parameters.Add(new Npgsql.NpgsqlParameter { Value = scenario.PayeeAccountId });
        var tampered = (Guid)(await tamper.ExecuteScalarAsync())!;
        try
        {
            var check = await (await admin.GetAsync("/api/v1/admin/ledger/check")).ReadJsonAsync(HttpStatusCode.OK);
            Assert.False(check.GetProperty("balanced").GetBoolean());
            Assert.Equal([tampered], check.GetProperty("accounts_off").EnumerateArray().Select(a => Guid.Parse(a.GetProperty("ledger_account_id").GetString()!)));
        }
        finally
        {
            await using var repair = App.Database.CreateCommand("UPDATE ledger_accounts SET balance = balance - 0.01 WHERE id = $1");
            repair.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tampered });
            await repair.ExecuteNonQueryAsync();
        }
    }

    private static async Task<System.Text.Json.JsonElement> BalanceAsync(Caller caller, Guid accountId) =>
        (await (await caller.GetAsync($"/api/v1/bank-accounts/{accountId}/balance")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("balance");
}
