using System.Net;

namespace DirectPay.Tests.EndToEnd;

[Collection(AppCollection.Name)]
public class PaymentAccessTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task Renters_pay_only_their_lease_from_their_account_to_its_landlord_within_the_rail_limit()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var stranger = await PaymentScenario.StartAsync(App);
        var before = await App.CountAsync("payments");

        async Task<string[]> Refused(object body, HttpStatusCode status, Caller? caller = null) =>
            (await (await scenario.PayAsync(body, Guid.NewGuid().ToString(), caller)).ReadProblemAsync(status))
                .TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(e => e.Name).ToArray() : [];

        await Refused(scenario.Body(), HttpStatusCode.NotFound, stranger.Renter);
        Assert.Equal(["payer_account_id"], await Refused(new
        {
            lease_id = scenario.LeaseId, payer_account_id = stranger.PayerAccountId, payee_account_id = scenario.PayeeAccountId, amount = 10m,
        }, HttpStatusCode.UnprocessableEntity));
        Assert.Equal(["payee_account_id"], await Refused(new
        {
            lease_id = scenario.LeaseId, payer_account_id = scenario.PayerAccountId, payee_account_id = stranger.PayeeAccountId, amount = 10m,
        }, HttpStatusCode.UnprocessableEntity));
        Assert.Equal(["amount"], await Refused(scenario.Body(amount: 1_000_000.01m, rail: "same_day_ach"), HttpStatusCode.UnprocessableEntity));
        Assert.Equal(["amount"], await Refused(scenario.Body(amount: 10_000_000.01m, rail: "instant"), HttpStatusCode.UnprocessableEntity));
        Assert.Equal(["amount"], await Refused(scenario.Body(amount: 0m), HttpStatusCode.BadRequest));
        Assert.Equal(["payment_rail_type"], await Refused(scenario.Body(rail: "carrier_pigeon"), HttpStatusCode.BadRequest));
        await Refused(scenario.Body(), HttpStatusCode.NotFound, scenario.Landlord); // landlords do not pay their own rent
        Assert.Equal(before, await App.CountAsync("payments"));
    }

    [Fact]
    public async Task Payer_payee_and_admin_see_a_payment_and_no_one_else()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var stranger = await PaymentScenario.StartAsync(App);
        var paymentId = await scenario.PayAsync(amount: 700.00m);
        var admin = await App.AdminAsync();

        foreach (var allowed in new[] { scenario.Renter, scenario.Landlord, admin })
        {
            await (await allowed.GetAsync($"/api/v1/payments/{paymentId}")).ReadJsonAsync(HttpStatusCode.OK);
            await (await allowed.GetAsync($"/api/v1/payments/{paymentId}/history")).ReadJsonAsync(HttpStatusCode.OK);
            await (await allowed.GetAsync($"/api/v1/payments/lease/{scenario.LeaseId}")).ReadJsonAsync(HttpStatusCode.OK);
        }
        foreach (var other in new[] { stranger.Renter, stranger.Landlord })
        {
            await (await other.GetAsync($"/api/v1/payments/{paymentId}")).ReadProblemAsync(HttpStatusCode.NotFound);
            await (await other.GetAsync($"/api/v1/payments/{paymentId}/history")).ReadProblemAsync(HttpStatusCode.NotFound);
            await (await other.GetAsync($"/api/v1/payments/lease/{scenario.LeaseId}")).ReadProblemAsync(HttpStatusCode.NotFound);
            await (await other.PostAsync($"/api/v1/payments/{paymentId}/retry", new { })).ReadProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_lease_lists_its_payments_newest_first_a_page_at_a_time()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var ids = new List<Guid>();
        for (var i = 1; i <= 3; i++) ids.Add(await scenario.PayAsync(amount: i * 100m));

        var firstPage = await (await scenario.Landlord.GetAsync($"/api/v1/payments/lease/{scenario.LeaseId}?page=1&page_size=2"))
            .ReadJsonAsync(HttpStatusCode.OK);
        var secondPage = await (await scenario.Landlord.GetAsync($"/api/v1/payments/lease/{scenario.LeaseId}?page=2&page_size=2"))
            .ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(3, firstPage.GetProperty("total_count").GetInt32());
        Assert.Equal([ids[2], ids[1]], firstPage.GetProperty("items").EnumerateArray().Select(p => p.Id()));
        Assert.Equal([ids[0]], secondPage.GetProperty("items").EnumerateArray().Select(p => p.Id()));
        await (await scenario.Landlord.GetAsync($"/api/v1/payments/lease/{scenario.LeaseId}?page_size=1000"))
            .ReadProblemAsync(HttpStatusCode.BadRequest);
    }
}
