using System.Net;
using DirectPay.Payments;
using StackExchange.Redis;

namespace DirectPay.Tests.EndToEnd;

[Collection(AppCollection.Name)]
public class PaymentProcessingTests(DirectPayApp app) : EndToEndTest(app)
{
    [Theory]
    [InlineData("instant")]
    [InlineData("same_day_ach")]
    [InlineData("standard_ach")]
    [InlineData("wire")]
    public async Task A_payment_completes_with_its_whole_history_and_moves_the_schedule_one_month(string rail)
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var paymentId = await scenario.PayAsync(rail: rail);

        var payment = await scenario.WaitForStatusAsync(paymentId, "completed");

        Assert.Equal(rail, payment.GetProperty("payment_rail_type").GetString());
        Assert.Equal("2027-01-15", payment.GetProperty("period_due_date").GetString());
        // ACH goes to the bank in a file at its cutoff, and completes when its return window has closed.
        string[] inFile = rail.EndsWith("_ach") ? ["3 payment_submitted processing>processing", "4 payment_acknowledged processing>processing"] : [];
        var steps = PaymentScenario.Steps(await scenario.HistoryAsync(paymentId));
        Assert.Equal(["1 payment_initiated ->pending", "2 payment_processing pending>processing", .. inFile,
            $"{3 + inFile.Length} payment_completed processing>completed"], steps);
        Assert.Equal(rail.EndsWith("_ach"), payment.GetProperty("trace_number").GetString() is { Length: 15 });
        Assert.Equal(rail.EndsWith("_ach"), payment.GetProperty("expected_settlement_date").ValueKind == System.Text.Json.JsonValueKind.String);
        var lease = await (await scenario.Renter.GetAsync($"/api/v1/leases/{scenario.LeaseId}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("2027-02-15", lease.GetProperty("schedule").GetProperty("next_due_date").GetString());
        Assert.Equal(0L, await App.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_messages WHERE payment_id = $1 AND published_at IS NULL", paymentId));
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$",
            await App.ScalarAsync<string>("SELECT trace_parent FROM payments WHERE id = $1", paymentId));
    }

    [Theory]
    [InlineData("40000002", "R02", "Account closed")]
    [InlineData("40000003", "R03", "No account / unable to locate account")]
    public async Task Closed_and_unknown_accounts_fail_for_good(string payerNumber, string code, string reason)
    {
        var scenario = await PaymentScenario.StartAsync(App, payerNumber);
        var paymentId = await scenario.PayAsync(rail: "instant");

        var payment = await scenario.WaitForStatusAsync(paymentId, "failed");

        Assert.Equal(code, payment.GetProperty("failure_code").GetString());
        Assert.Equal(reason, payment.GetProperty("failure_reason").GetString());
        Assert.Equal("3 payment_failed processing>failed", PaymentScenario.Steps(await scenario.HistoryAsync(paymentId))[^1]);
        await (await scenario.Renter.PostAsync($"/api/v1/payments/{paymentId}/retry", new { })).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var lease = await (await scenario.Renter.GetAsync($"/api/v1/leases/{scenario.LeaseId}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("2027-01-15", lease.GetProperty("schedule").GetProperty("next_due_date").GetString());
    }

    [Fact]
    public async Task Insufficient_funds_is_retried_and_a_retry_can_succeed()
    {
        var scenario = await PaymentScenario.StartAsync(App, payerNumber: "40000011"); // R01 on the first attempt only
        var paymentId = await scenario.PayAsync(rail: "instant");
        var failed = await scenario.WaitForStatusAsync(paymentId, "failed");
        Assert.Equal("R01", failed.GetProperty("failure_code").GetString());

        var retried = await (await scenario.Renter.PostAsync($"/api/v1/payments/{paymentId}/retry", new { })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, retried.GetProperty("retry_count").GetInt32());
        await scenario.WaitForStatusAsync(paymentId, "completed");

        Assert.Equal(
        [
            "1 payment_initiated ->pending", "2 payment_processing pending>processing", "3 payment_failed processing>failed",
            "4 payment_retried failed>pending", "5 payment_processing pending>processing", "6 payment_completed processing>completed",
        ], PaymentScenario.Steps(await scenario.HistoryAsync(paymentId)));
        await (await scenario.Renter.PostAsync($"/api/v1/payments/{paymentId}/retry", new { })).ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_failed_debit_is_presented_three_times_at_most()
    {
        var scenario = await PaymentScenario.StartAsync(App, payerNumber: "40000001"); // R01 every time
        var paymentId = await scenario.PayAsync(rail: "instant");
        for (var retry = 1; retry <= 2; retry++)
        {
            await scenario.WaitForStatusAsync(paymentId, "failed");
            var retried = await (await scenario.Renter.PostAsync($"/api/v1/payments/{paymentId}/retry", new { })).ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal(retry, retried.GetProperty("retry_count").GetInt32());
        }
        await scenario.WaitForStatusAsync(paymentId, "failed");

        var refused = await (await scenario.Renter.PostAsync($"/api/v1/payments/{paymentId}/retry", new { })).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("retried 2 times", refused.GetProperty("detail").GetString());
        Assert.Equal(2, await App.ScalarAsync<int>("SELECT retry_count FROM payments WHERE id = $1", paymentId));
        Assert.Equal(9L, await App.ScalarAsync<long>("SELECT count(*) FROM payment_events WHERE payment_id = $1", paymentId));
    }

    [Fact]
    public async Task A_retry_passes_the_checks_a_new_payment_does()
    {
        var closedAccount = await PaymentScenario.StartAsync(App, payerNumber: "40000001");
        var first = await closedAccount.PayAsync(rail: "instant");
        await closedAccount.WaitForStatusAsync(first, "failed");
        await (await closedAccount.Renter.PatchAsync($"/api/v1/bank-accounts/{closedAccount.PayerAccountId}/deactivate")).ReadJsonAsync(HttpStatusCode.OK);
        var refused = await (await closedAccount.Renter.PostAsync($"/api/v1/payments/{first}/retry", new { })).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("active bank accounts", refused.GetProperty("detail").GetString());

        var closedLandlord = await PaymentScenario.StartAsync(App, payerNumber: "40000001");
        var second = await closedLandlord.PayAsync(rail: "instant");
        await closedLandlord.WaitForStatusAsync(second, "failed");
        Assert.Equal(HttpStatusCode.NoContent,
            (await closedLandlord.Landlord.SendAsync(HttpMethod.Delete, $"/api/v1/users/{closedLandlord.Landlord.Id}")).StatusCode);
        await (await closedLandlord.Renter.PostAsync($"/api/v1/payments/{second}/retry", new { })).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(0L, await App.ScalarAsync<long>(
            "SELECT count(*) FROM payment_events WHERE payment_id = ANY($1) AND event_type = 'payment_retried'", new[] { first, second }));
    }

    [Fact]
    public async Task Concurrent_retries_make_one_retry_and_no_error()
    {
        var scenario = await PaymentScenario.StartAsync(App, payerNumber: "40000001");
        // Standard ACH answers in about 150 ms here: the retried payment is still on its way while all five are answered
        // (an instant retry can fail again in between, and a retry then is rightly a second one).
        var paymentId = await scenario.PayAsync(rail: "standard_ach");
        await scenario.WaitForStatusAsync(paymentId, "failed");

        var retries = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => scenario.Renter.PostAsync($"/api/v1/payments/{paymentId}/retry", new { })));

        Assert.Single(retries, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(retries.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await App.ScalarAsync<int>("SELECT retry_count FROM payments WHERE id = $1", paymentId));
    }

    [Fact]
    public async Task A_message_delivered_twice_makes_one_transition_and_one_event()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var paymentId = await scenario.PayAsync(rail: "instant");
        await scenario.WaitForStatusAsync(paymentId, "completed");

        var stream = App.Redis.GetDatabase();
        var again = await stream.StreamAddAsync(PaymentStream.Key, new PaymentMessage(paymentId, 1, null).ToEntries());
        await WaitUntilAcknowledgedAsync(stream, again);

        Assert.Equal(3, (await scenario.HistoryAsync(paymentId)).Length);
        Assert.Equal(2, await App.ScalarAsync<int>("SELECT version FROM payments WHERE id = $1", paymentId)); // two transitions
        var lease = await (await scenario.Renter.GetAsync($"/api/v1/leases/{scenario.LeaseId}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("2027-02-15", lease.GetProperty("schedule").GetProperty("next_due_date").GetString());
    }

    [Fact]
    public async Task A_second_payment_made_while_the_first_is_on_its_way_pays_the_next_period()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var first = await scenario.PayAsync(rail: "instant");
        var second = await scenario.PayAsync(rail: "instant"); // initiated before the first settled
        Assert.Equal("2027-02-15", (await scenario.WaitForStatusAsync(second, "completed")).GetProperty("period_due_date").GetString());
        await scenario.WaitForStatusAsync(first, "completed");

        var lease = await (await scenario.Renter.GetAsync($"/api/v1/leases/{scenario.LeaseId}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("2027-03-15", lease.GetProperty("schedule").GetProperty("next_due_date").GetString());
    }
    private static Task WaitUntilAcknowledgedAsync(IDatabase stream, RedisValue entryId) => Eventually.TrueAsync(async () =>
    {
        var group = (await stream.StreamGroupInfoAsync(PaymentStream.Key)).Single(g => g.Name == PaymentStream.ConsumerGroup);
        var delivered = string.CompareOrdinal(group.LastDeliveredId, entryId.ToString()) >= 0; // ids of one length
        var pending = await stream.StreamPendingMessagesAsync(PaymentStream.Key, PaymentStream.ConsumerGroup, 1, RedisValue.Null, entryId, entryId);
        return delivered && pending.Length == 0;
    }, "The worker never acknowledged the re-added entry.");
}
