using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DirectPay.Tests.EndToEnd;

/// <summary>A renter ready to pay rent: a lease (rent 1500.00, due on the 15th from 2027-01-15), a payer and a payee account.</summary>
public sealed record PaymentScenario(DirectPayApp App, Caller Landlord, Caller Renter, Guid LeaseId, Guid PayerAccountId, Guid PayeeAccountId,
    string PayerNumber = "")
{
    public const string DefaultPayerNumber = "55554321";

    /// <param name="payerNumber">
    /// Its last four digits pick the receiving bank's answer (README, "Test accounts"); the rest is made the scenario's
    /// own, as the bank keeps a balance and a first-debit count per account number.
    /// </param>
    /// <param name="payeeNumber">The landlord's account, which payouts credit (its last four digits pick that bank's answer too).</param>
    public static async Task<PaymentScenario> StartAsync(DirectPayApp app, string payerNumber = DefaultPayerNumber, string payeeNumber = "99998888")
    {
        payerNumber = OwnNumber(payerNumber);
        var landlord = await app.SignUpAsync("landlord");
        var renter = await app.SignUpAsync("renter");
        var leaseId = await landlord.CreateLeaseAsync(await landlord.CreatePropertyAsync(), renter.Id);
        var payee = await landlord.AddBankAccountAsync(payeeNumber);
        var payer = await renter.AddBankAccountAsync(payerNumber);
        return new(app, landlord, renter, leaseId, payer, payee, payerNumber);
    }

    /// <summary>A number no other test uses, ending as <paramref name="number"/> does.</summary>
    public static string OwnNumber(string number) => $"{Random.Shared.NextInt64(10_000_000, 100_000_000)}{number[^4..]}";

    public object Body(decimal amount = 1500.00m, string rail = "standard_ach", string? bodyKey = null, Guid? payerAccountId = null) => new
    {
        lease_id = LeaseId, payer_account_id = payerAccountId ?? PayerAccountId, payee_account_id = PayeeAccountId, amount,
        payment_rail_type = rail, idempotency_key = bodyKey,
    };

    public async Task<HttpResponseMessage> PayAsync(object body, string? headerKey = null, Caller? caller = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", (caller ?? Renter).Token);
        if (headerKey is not null) request.Headers.Add("Idempotency-Key", headerKey);
        return await App.Http.SendAsync(request);
    }

    /// <summary>Pays with a fresh key and returns the new payment's id.</summary>
    public async Task<Guid> PayAsync(decimal amount = 1500.00m, string rail = "standard_ach", Guid? payerAccountId = null) =>
        (await (await PayAsync(Body(amount, rail, payerAccountId: payerAccountId), headerKey: Guid.NewGuid().ToString())).ReadJsonAsync(HttpStatusCode.Created)).Id();

    /// <summary>Polls the payment until it reaches the status (the worker is asynchronous), then returns it.</summary>
    public async Task<JsonElement> WaitForStatusAsync(Guid paymentId, string status)
    {
        JsonElement payment = default;
        await Eventually.TrueAsync(async () =>
        {
            payment = await (await Renter.GetAsync($"/api/v1/payments/{paymentId}")).ReadJsonAsync(HttpStatusCode.OK);
            return payment.GetProperty("status").GetString() == status;
        }, $"Payment {paymentId} never became {status}.");
        return payment;
    }

    public async Task<JsonElement[]> HistoryAsync(Guid paymentId) =>
        (await (await Renter.GetAsync($"/api/v1/payments/{paymentId}/history")).ReadJsonAsync(HttpStatusCode.OK))
            .GetProperty("events").EnumerateArray().ToArray();

    public static string[] Steps(IEnumerable<JsonElement> events) => events
        .Select(e => $"{e.GetProperty("sequence").GetInt32()} {e.GetProperty("event_type").GetString()} " +
                     $"{e.GetProperty("previous_status").GetString() ?? "-"}>{e.GetProperty("new_status").GetString()}")
        .ToArray();
}
