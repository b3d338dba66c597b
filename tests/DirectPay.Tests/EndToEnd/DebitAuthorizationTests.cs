using System.Net;
using System.Net.Http.Json;

namespace DirectPay.Tests.EndToEnd;

/// <summary>
/// Each payment and each autopay keeps what the renter agreed to (text, version, time, address, user agent): Nacha
/// requires it for WEB debits, and it is what contests an unauthorized-debit return.
/// </summary>
[Collection(AppCollection.Name)]
public class DebitAuthorizationTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task A_payment_keeps_what_the_renter_agreed_to_and_only_the_payer_and_an_admin_see_it()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/") { Content = JsonContent.Create(scenario.Body(1234.56m)) };
        request.Headers.Authorization = new("Bearer", scenario.Renter.Token);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        request.Headers.UserAgent.ParseAdd("RentApp/3.1 (iPhone; iOS 19.1)");
        var payment = await (await App.Http.SendAsync(request)).ReadJsonAsync(HttpStatusCode.Created);

        var authorization = await (await scenario.Renter.GetAsync($"/api/v1/payments/{payment.Id()}/authorization")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(payment.GetProperty("authorization_id").GetGuid(), authorization.Id());
        Assert.Equal(("single", "2026-12-03", "RentApp/3.1 (iPhone; iOS 19.1)"), (authorization.GetProperty("kind").GetString(),
            authorization.GetProperty("version").GetString(), authorization.GetProperty("user_agent").GetString()));
        var text = authorization.GetProperty("text").GetString()!;
        Assert.Contains("1234.56 USD", text);
        Assert.Contains($"ending {scenario.PayerNumber[^4..]}", text);
        Assert.DoesNotContain(scenario.PayerNumber, text); // the full number is the vault's alone
        Assert.False(string.IsNullOrEmpty(authorization.GetProperty("ip_address").GetString()));
        var createdAt = payment.GetProperty("created_at").GetDateTimeOffset(); // agreed by the request that made the payment
        Assert.InRange(authorization.GetProperty("agreed_at").GetDateTimeOffset(), createdAt.AddSeconds(-1), createdAt.AddSeconds(1));

        await (await (await App.AdminAsync()).GetAsync($"/api/v1/payments/{payment.Id()}/authorization")).ReadJsonAsync(HttpStatusCode.OK);
        await (await scenario.Landlord.GetAsync($"/api/v1/payments/{payment.Id()}/authorization")).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await (await App.SignUpAsync("renter")).GetAsync($"/api/v1/payments/{payment.Id()}/authorization")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Autopay_debits_under_the_authorization_given_when_it_was_turned_on_and_turning_it_off_revokes_it()
    {
        var (landlord, renter) = (await App.SignUpAsync("landlord"), await App.SignUpAsync("renter"));
        await landlord.AddBankAccountAsync("99998888");
        await renter.AddBankAccountAsync(PaymentScenario.OwnNumber("4321"));
        var leaseId = await RentTests.CreateLeaseAsync(landlord, renter.Id, new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1), rent: 1000.00m);

        await (await renter.PutAsync($"/api/v1/leases/{leaseId}/autopay", new { enabled = true, payment_rail_type = "instant", max_amount = 1200.00m }))
            .ReadJsonAsync(HttpStatusCode.OK);
        Guid paymentId = default;
        await Eventually.TrueAsync(async () => (paymentId = await App.ScalarAsync<Guid>("SELECT id FROM payments WHERE lease_id = $1", leaseId)) != default,
            "Autopay never paid.");

        var authorization = await (await renter.GetAsync($"/api/v1/payments/{paymentId}/authorization")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("recurring", authorization.GetProperty("kind").GetString());
        Assert.Contains("up to 1200.00 USD a payment", authorization.GetProperty("text").GetString());
        Assert.Contains("my primary bank account", authorization.GetProperty("text").GetString());
        Assert.Equal(JsonValueKindNull, authorization.GetProperty("revoked_at").ValueKind);

        await (await renter.PutAsync($"/api/v1/leases/{leaseId}/autopay", new { enabled = false })).ReadJsonAsync(HttpStatusCode.OK);
        var revoked = await (await renter.GetAsync($"/api/v1/payments/{paymentId}/authorization")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.NotEqual(JsonValueKindNull, revoked.GetProperty("revoked_at").ValueKind);
        Assert.Equal(0L, await App.ScalarAsync<long>(
            "SELECT count(*) FROM debit_authorizations WHERE lease_id = $1 AND kind = 'recurring' AND revoked_at IS NULL", leaseId));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
