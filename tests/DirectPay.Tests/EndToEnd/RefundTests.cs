using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DirectPay.Tests.EndToEnd;

[Collection(AppCollection.Name)]
public class RefundTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task Partial_refunds_add_up_to_the_original_and_then_the_payment_is_refunded()
    {
        var (scenario, paymentId) = await CompletedPaymentAsync();

        var first = await RefundAsync(scenario.Landlord, paymentId, new { amount = 500.00m, reason = "broken heater" });
        await WaitForRefundAsync(scenario, paymentId, first.Id(), "completed");
        var partly = await scenario.WaitForStatusAsync(paymentId, "completed");
        Assert.Equal("500.00", partly.GetProperty("refunded_amount").GetRawText());

        var rest = await RefundAsync(scenario.Landlord, paymentId, new { }); // no amount: all that is left
        Assert.Equal("1000.00", rest.GetProperty("amount").GetRawText());
        var done = await WaitForRefundAsync(scenario, paymentId, rest.Id(), "completed");
        var refunded = await scenario.WaitForStatusAsync(paymentId, "refunded");

        Assert.Equal("1500.00", refunded.GetProperty("refunded_amount").GetRawText());
        Assert.Equal(["refund_requested", "refund_processing", "refund_completed"],
            done.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event_type").GetString()));
        Assert.Equal(["4 payment_partially_refunded completed>completed", "5 payment_refunded completed>refunded"],
            PaymentScenario.Steps(await scenario.HistoryAsync(paymentId))[3..]);
        Assert.Equal(0m, await App.ScalarAsync<decimal>(
            "SELECT balance FROM ledger_accounts WHERE bank_account_id = $1", scenario.PayeeAccountId)); // paid, then all given back
        await (await PostRefundAsync(scenario.Landlord, paymentId, new { amount = 1.00m })).ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_refund_over_what_is_left_or_on_a_slower_rail_or_by_the_wrong_person_is_refused()
    {
        var (scenario, paymentId) = await CompletedPaymentAsync(rail: "same_day_ach");
        var stranger = await App.SignUpAsync("landlord");
        await RefundAsync(scenario.Landlord, paymentId, new { amount = 1000.00m });

        var over = await PostRefundAsync(scenario.Landlord, paymentId, new { amount = 500.01m });
        Assert.Equal(["amount"], (await over.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        var slower = await PostRefundAsync(scenario.Landlord, paymentId, new { amount = 1.00m, payment_rail_type = "standard_ach" });
        Assert.Equal(["payment_rail_type"], (await slower.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        // Collected into the settlement account, it goes back from there by ACH: an instant credit cannot leave it yet.
        var instant = await PostRefundAsync(scenario.Landlord, paymentId, new { amount = 1.00m, payment_rail_type = "instant" });
        Assert.Contains("settlement account", (await instant.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString());
        await (await PostRefundAsync(scenario.Renter, paymentId, new { amount = 1.00m })).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await PostRefundAsync(stranger, paymentId, new { amount = 1.00m })).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(1L, await App.ScalarAsync<long>("SELECT count(*) FROM refunds WHERE payment_id = $1", paymentId));

        // A wire payment may be refunded on a faster rail.
        var (wire, wirePaymentId) = await CompletedPaymentAsync(rail: "wire");
        var faster = await RefundAsync(wire.Landlord, wirePaymentId, new { amount = 500.00m, payment_rail_type = "instant" });
        Assert.Equal("instant", faster.GetProperty("payment_rail_type").GetString());
    }

    [Fact]
    public async Task Concurrent_refunds_never_exceed_the_original()
    {
        var (scenario, paymentId) = await CompletedPaymentAsync();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostRefundAsync(scenario.Landlord, paymentId, new { amount = 400.00m })));

        Assert.Equal(3, attempts.Count(r => r.StatusCode == HttpStatusCode.Created)); // 3 × 400 fit in 1500, a 4th does not
        Assert.All(attempts.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
        Assert.Equal(1200.00m, await App.ScalarAsync<decimal>("SELECT sum(amount) FROM refunds WHERE payment_id = $1", paymentId));
    }

    [Fact]
    public async Task A_refund_is_idempotent_like_a_payment()
    {
        var (scenario, paymentId) = await CompletedPaymentAsync();
        var key = Guid.NewGuid().ToString();

        var first = await (await PostRefundAsync(scenario.Landlord, paymentId, new { amount = 100.00m }, key)).ReadJsonAsync(HttpStatusCode.Created);
        var again = await PostRefundAsync(scenario.Landlord, paymentId, new { amount = 100.00m }, key);
        var other = await PostRefundAsync(scenario.Landlord, paymentId, new { amount = 200.00m }, key);

        Assert.Equal(first.Id(), (await again.ReadJsonAsync(HttpStatusCode.Created)).Id());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        await other.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1L, await App.ScalarAsync<long>("SELECT count(*) FROM refunds WHERE payment_id = $1", paymentId));
    }

    private async Task<(PaymentScenario Scenario, Guid PaymentId)> CompletedPaymentAsync(string rail = "instant")
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var paymentId = await scenario.PayAsync(amount: 1500.00m, rail: rail);
        await scenario.WaitForStatusAsync(paymentId, "completed");
        return (scenario, paymentId);
    }

    private Task<HttpResponseMessage> PostRefundAsync(Caller caller, Guid paymentId, object body, string? key = null) =>
        PostRefundAsync(App, caller, paymentId, body, key);

    internal static async Task<HttpResponseMessage> PostRefundAsync(DirectPayApp app, Caller caller, Guid paymentId, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/payments/{paymentId}/refunds") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", caller.Token);
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return await app.Http.SendAsync(request);
    }

    private async Task<JsonElement> RefundAsync(Caller caller, Guid paymentId, object body) =>
        await (await PostRefundAsync(caller, paymentId, body)).ReadJsonAsync(HttpStatusCode.Created);

    internal static async Task<JsonElement> WaitForRefundAsync(PaymentScenario scenario, Guid paymentId, Guid refundId, string status)
    {
        JsonElement refund = default;
        await Eventually.TrueAsync(async () =>
        {
            refund = await (await scenario.Landlord.GetAsync($"/api/v1/payments/{paymentId}/refunds/{refundId}")).ReadJsonAsync(HttpStatusCode.OK);
            return refund.GetProperty("status").GetString() == status;
        }, $"Refund {refundId} never became {status}.");
        return refund;
    }
}
