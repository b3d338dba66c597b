using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace DirectPay.Tests.EndToEnd;

/// <summary>Instant and wire payments reach the bank service as transfer orders, one per attempt, and its balances decide.</summary>
[Collection(AppCollection.Name)]
public class BankTransferTests(DirectPayApp app) : EndToEndTest(app)
{
    private const decimal OpeningBalance = 100_000.00m;

    [Fact]
    public async Task Insufficient_funds_comes_from_the_payers_balance_at_the_bank()
    {
        var payeeNumber = PaymentScenario.OwnNumber("8888");
        var scenario = await PaymentScenario.StartAsync(App, payeeNumber: payeeNumber);
        await SetBankBalanceAsync(scenario.PayerNumber, 100.00m);

        var paymentId = await scenario.PayAsync(amount: 1500.00m, rail: "instant");
        var failed = await scenario.WaitForStatusAsync(paymentId, "failed");
        Assert.Equal("R01", failed.GetProperty("failure_code").GetString());
        Assert.Equal(100.00m, await BankBalanceAsync(scenario.PayerNumber));

        await SetBankBalanceAsync(scenario.PayerNumber, 2000.00m); // payday
        await (await scenario.Renter.PostAsync($"/api/v1/payments/{paymentId}/retry", new { })).ReadJsonAsync(HttpStatusCode.OK);
        await scenario.WaitForStatusAsync(paymentId, "completed");

        Assert.Equal(500.00m, await BankBalanceAsync(scenario.PayerNumber));
        Assert.Equal(OpeningBalance + 1500.00m, await BankBalanceAsync(payeeNumber));
        // Each attempt was its own order at the bank, from the renter's exact number to the landlord's.
        var orders = await App.BankScalarAsync<string>("""
            SELECT string_agg(id || ' ' || state || ' ' || coalesce(reason_code, '-') || ' ' || debtor_account || ' ' || creditor_account, ', ' ORDER BY id)
            FROM transfers WHERE reference = $1
            """, paymentId.ToString());
        Assert.Equal($"{paymentId:N} rejected R01 {scenario.PayerNumber} {payeeNumber}, {paymentId:N}-1 settled - {scenario.PayerNumber} {payeeNumber}", orders);
    }

    [Fact]
    public async Task The_bank_holds_one_transfer_per_order_id()
    {
        using var bank = App.BankHttp();
        var id = Guid.NewGuid().ToString("N");
        var order = Order(id, amount: 12.34m);

        using var first = await bank.PostAsJsonAsync("transfers", order);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        using var again = await bank.PostAsJsonAsync("transfers", order); // a lost answer, asked again
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(id, (await again.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("id").GetString());
        using var other = await bank.PostAsJsonAsync("transfers", Order(id, amount: 99.00m)); // another order under that id
        await other.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1L, await App.BankScalarAsync<long>("SELECT count(*) FROM transfers WHERE id = $1", id));

        await Eventually.TrueAsync(async () =>
        {
            var status = await (await bank.GetAsync($"transfers/{id}")).ReadJsonAsync(HttpStatusCode.OK);
            return status.GetProperty("status").GetString() == "settled" && status.GetProperty("booked_on").ValueKind == System.Text.Json.JsonValueKind.String;
        }, "The transfer never settled.");
        Assert.Equal(2L, await App.BankScalarAsync<long>("SELECT count(*) FROM postings WHERE reference = $1", id)); // out of one account, into the other
        Assert.Equal(HttpStatusCode.NotFound, (await bank.GetAsync($"transfers/{Guid.NewGuid():N}")).StatusCode);
    }

    [Fact]
    public async Task Only_the_customer_orders_transfers_or_imports_and_a_body_it_cannot_read_is_refused()
    {
        var id = Guid.NewGuid().ToString("N");
        using var stranger = App.BankHttp(withKey: false);
        HttpResponseMessage[] strangers =
        [
            await stranger.PostAsJsonAsync("transfers", Order(id, 12.00m)),
            await stranger.PostAsync("transfers", Json("{not json")), // the key first: a stranger learns nothing from the body
            await stranger.GetAsync($"transfers/{id}"),
            await stranger.PostAsync("sandbox/postings", Json("[]")),
        ];
        foreach (var response in strangers) await response.ReadProblemAsync(HttpStatusCode.Unauthorized);

        using var bank = App.BankHttp();
        await (await bank.PostAsync("transfers", Json("{\"id\": "))).ReadProblemAsync(HttpStatusCode.BadRequest);
        await (await bank.PostAsync("transfers", new StringContent("id=1", Encoding.UTF8, "text/plain"))).ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await (await bank.PostAsync("transfers", Json("null"))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await bank.PostAsync("sandbox/postings", Json("[null]"))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(0L, await App.BankScalarAsync<long>("SELECT count(*) FROM transfers WHERE id = $1", id));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("id", "has spaces in it", "instant", "12.00", "231380104")]
    [InlineData("rail", "", "carrier-pigeon", "12.00", "231380104")]
    [InlineData("amount", "", "instant", "12.345", "231380104")]
    [InlineData("amount", "", "instant", "10000000.01", "231380104")]
    [InlineData("debtor.routing_number", "", "wire", "12.00", "123456789")]
    public async Task The_bank_refuses_an_order_it_cannot_carry(string field, string id, string rail, string amount, string routing)
    {
        using var bank = App.BankHttp();
        var order = Order(id == "" ? Guid.NewGuid().ToString("N") : id, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), rail, routing);
        using var response = await bank.PostAsJsonAsync("transfers", order);
        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(0L, await App.BankScalarAsync<long>("SELECT count(*) FROM transfers WHERE id = $1", order.id));
    }

    private static OrderBody Order(string id, decimal amount, string rail = "instant", string debtorRouting = "231380104") =>
        new(id, rail, new(debtorRouting, PaymentScenario.OwnNumber("5555")), new("231380104", PaymentScenario.OwnNumber("6666")), amount, id);

    private sealed record Party(string routing_number, string account_number);

    private sealed record OrderBody(string id, string rail, Party debtor, Party creditor, decimal amount, string reference);

    private async Task SetBankBalanceAsync(string accountNumber, decimal balance)
    {
        using var bank = App.BankHttp();
        using var set = await bank.PutAsJsonAsync("sandbox/balances", new { routing_number = Scenario.RoutingNumber, account_number = accountNumber, balance });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
    }

    private Task<decimal> BankBalanceAsync(string accountNumber) =>
        App.BankScalarAsync<decimal>("SELECT balance FROM accounts WHERE account_number = $1", accountNumber);
}
