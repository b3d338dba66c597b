using System.Net;

namespace DirectPay.Tests.EndToEnd;

[Collection(AppCollection.Name)]
public class ReturnTests(DirectPayApp app) : EndToEndTest(app)
{
    [Theory]
    [InlineData("40000021", "standard_ach", "R01")]
    [InlineData("40000022", "same_day_ach", "R02")]
    [InlineData("40000023", "standard_ach", "R03")]
    public async Task A_returned_ach_payment_reopens_its_period_and_reverses_its_postings(string payerNumber, string rail, string code)
    {
        var scenario = await PaymentScenario.StartAsync(App, payerNumber);
        var paymentId = await scenario.PayAsync(amount: 1500.00m, rail: rail);

        var returned = await scenario.WaitForStatusAsync(paymentId, "returned");

        Assert.Equal(code, returned.GetProperty("failure_code").GetString());
        Assert.Equal(["3 payment_completed processing>completed", "4 payment_returned completed>returned"],
            PaymentScenario.Steps(await scenario.HistoryAsync(paymentId))[2..]);
        var lease = await (await scenario.Renter.GetAsync($"/api/v1/leases/{scenario.LeaseId}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("2027-01-15", lease.GetProperty("schedule").GetProperty("next_due_date").GetString()); // January is due again
        Assert.Equal("-1500.00,1500.00,-1500.00,1500.00", await App.ScalarAsync<string>(
            "SELECT string_agg(amount::text, ',' ORDER BY id) FROM ledger_entries WHERE source_type = 'return' AND source_id = $1", paymentId));
        foreach (var account in new[] { scenario.PayerAccountId, scenario.PayeeAccountId })
            Assert.Equal(0m, await App.ScalarAsync<decimal>("SELECT balance FROM ledger_accounts WHERE bank_account_id = $1", account));
    }

    [Fact]
    public async Task Instant_payments_are_final()
    {
        var scenario = await PaymentScenario.StartAsync(App, payerNumber: "40000021");
        var paymentId = await scenario.PayAsync(rail: "instant");
        await scenario.WaitForStatusAsync(paymentId, "completed");

        Assert.Equal(0L, await App.ScalarAsync<long>("SELECT count(*) FROM simulated_bank_returns WHERE payment_id = $1", paymentId));
        Assert.Equal(3, (await scenario.HistoryAsync(paymentId)).Length);
    }
}
