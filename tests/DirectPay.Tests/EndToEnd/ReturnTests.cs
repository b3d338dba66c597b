using System.Net;

namespace DirectPay.Tests.EndToEnd;

/// <summary>The receiving banks' answers, as return and notification-of-change files from the bank (README, "Test accounts").</summary>
[Collection(AppCollection.Name)]
public class ReturnTests(DirectPayApp app) : EndToEndTest(app)
{
    [Theory]
    [InlineData("40000021", "standard_ach")]
    [InlineData("40000022", "same_day_ach")]
    public async Task An_unauthorized_claim_after_the_window_returns_a_completed_payment_and_reopens_its_period(string payerNumber, string rail)
    {
        var scenario = await PaymentScenario.StartAsync(App, payerNumber);
        var paymentId = await scenario.PayAsync(amount: 1500.00m, rail: rail);

        var returned = await scenario.WaitForStatusAsync(paymentId, "returned");

        Assert.Equal("R10", returned.GetProperty("failure_code").GetString());
        Assert.Equal(["5 payment_completed processing>completed", "6 payment_returned completed>returned"],
            PaymentScenario.Steps(await scenario.HistoryAsync(paymentId))[4..]);
        var lease = await (await scenario.Renter.GetAsync($"/api/v1/leases/{scenario.LeaseId}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("2027-01-15", lease.GetProperty("schedule").GetProperty("next_due_date").GetString()); // January is due again
        Assert.Equal("-1500.00,1500.00,-1500.00,1500.00", await App.ScalarAsync<string>(
            "SELECT string_agg(amount::text, ',' ORDER BY id) FROM ledger_entries WHERE source_type = 'return' AND source_id = $1", paymentId));
        Assert.Equal(0m, await App.ScalarAsync<decimal>("SELECT balance FROM ledger_accounts WHERE bank_account_id = $1", scenario.PayerAccountId));
        // The landlord owes it back: netted from the payout that carries the collection, or from the next one.
        Assert.Equal("collection 1500.00,return -1500.00", await App.ScalarAsync<string>(
            "SELECT string_agg(kind || ' ' || amount::text, ',' ORDER BY kind) FROM payout_items WHERE payment_id = $1", paymentId));
    }

    [Theory]
    [InlineData("40000001", "standard_ach", "R01")]
    [InlineData("40000002", "same_day_ach", "R02")]
    [InlineData("40000004", "standard_ach", "R04")]
    public async Task A_return_inside_the_window_fails_the_payment_before_it_completes(string payerNumber, string rail, string code)
    {
        var scenario = await PaymentScenario.StartAsync(App, payerNumber);
        var paymentId = await scenario.PayAsync(rail: rail);

        var failed = await scenario.WaitForStatusAsync(paymentId, "failed");

        Assert.Equal(code, failed.GetProperty("failure_code").GetString());
        Assert.Equal(["1 payment_initiated ->pending", "2 payment_processing pending>processing", "3 payment_submitted processing>processing",
            "4 payment_acknowledged processing>processing", "5 payment_failed processing>failed"], PaymentScenario.Steps(await scenario.HistoryAsync(paymentId)));
        Assert.Equal(0L, await App.ScalarAsync<long>("SELECT count(*) FROM ledger_entries WHERE source_id = $1", paymentId));
        var lease = await (await scenario.Renter.GetAsync($"/api/v1/leases/{scenario.LeaseId}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("2027-01-15", lease.GetProperty("schedule").GetProperty("next_due_date").GetString());
    }

    [Fact]
    public async Task A_notification_of_change_corrects_the_account_before_its_next_debit()
    {
        var scenario = await PaymentScenario.StartAsync(App, "40000023");
        var first = await scenario.PayAsync();
        await scenario.WaitForStatusAsync(first, "completed");

        // The C01 comes the banking day after settlement, before the window closes: applied by the time the payment completes.
        var account = await (await scenario.Renter.GetAsync($"/api/v1/bank-accounts/{scenario.PayerAccountId}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("0024", account.GetProperty("last4").GetString());
        Assert.Equal("0024", await App.ScalarAsync<string>( // the account's history says so, with no actor: the receiving bank changed it
            "SELECT new_values->>'last4' FROM audit_log WHERE entity = 'bank_accounts' AND entity_id = $1 AND action = 'updated' AND actor_id IS NULL",
            scenario.PayerAccountId.ToString()));

        var second = await scenario.PayAsync(amount: 1500.00m);
        await scenario.WaitForStatusAsync(second, "completed");
        var trace = await App.ScalarAsync<string>("SELECT trace_number FROM payments WHERE id = $1", second);
        Assert.EndsWith("0024", await App.BankScalarAsync<string>("SELECT account_number FROM received_entries WHERE trace_number = $1", trace!));
    }

    [Fact]
    public async Task Instant_payments_are_final()
    {
        var scenario = await PaymentScenario.StartAsync(App, payerNumber: "40000021");
        var paymentId = await scenario.PayAsync(rail: "instant");
        await scenario.WaitForStatusAsync(paymentId, "completed");

        Assert.Equal("settled", await App.BankScalarAsync<string>("SELECT state FROM transfers WHERE reference = $1", paymentId.ToString()));
        Assert.Equal(3, (await scenario.HistoryAsync(paymentId)).Length);
    }
}
