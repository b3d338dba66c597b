using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace DirectPay.Bench;

/// <summary>A renter the load pays as: signed in, with an account and a lease owing far more than the bench pays.</summary>
internal sealed record Renter(Guid Id, string Token, Guid LeaseId, Guid AccountId, Guid LandlordId, Guid LandlordAccountId)
{
    /// <summary>The body of every payment this renter makes: 1.00 by instant transfer, so a lease is never paid off.</summary>
    public byte[] PaymentBody { get; } = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
    {
        ["lease_id"] = LeaseId, ["payer_account_id"] = AccountId, ["payee_account_id"] = LandlordAccountId,
        ["amount"] = 1.00m, ["payment_rail_type"] = "instant",
    });

    public HttpRequestMessage Payment(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/")
        {
            Content = new ByteArrayContent(PaymentBody) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}

/// <summary>Signs up landlords and renters through the public API, as any client would.</summary>
internal static class World
{
    private const string Password = "bench-password-1";
    /// <summary>60,000.00 owed per lease (5,000.00 a month for a year): room for 60,000 payments of 1.00.</summary>
    private const decimal Rent = 5000.00m;
    /// <summary>40 landlords for the default 200 renters: a landlord's rows take every settlement to them (bench/RESULTS.md).</summary>
    private const int RentersPerLandlord = 5;

    public static async Task<IReadOnlyList<Renter>> SeedAsync(HttpClient http, int count)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var renters = new Renter?[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, (count + RentersPerLandlord - 1) / RentersPerLandlord),
            new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (landlordNumber, ct) =>
            {
                var (landlordId, landlordToken) = await SignUpAsync(http, "landlord", $"bench-landlord-{landlordNumber}-{run}", ct);
                var landlordAccount = await AccountAsync(http, landlordToken, landlordNumber, ct);
                for (var i = landlordNumber * RentersPerLandlord; i < Math.Min(count, (landlordNumber + 1) * RentersPerLandlord); i++)
                {
                    var (renterId, renterToken) = await SignUpAsync(http, "renter", $"bench-renter-{i}-{run}", ct);
                    var account = await AccountAsync(http, renterToken, 1000 + i, ct);
                    var property = await PostAsync(http, landlordToken, "/api/v1/properties/", new
                    {
                        address = $"{i} Bench St", city = "Springfield", state = "IL", postal_code = "62701", property_type = "apartment",
                    }, ct);
                    var lease = await PostAsync(http, landlordToken, "/api/v1/leases/", new
                    {
                        property_id = Id(property), renter_id = renterId, start_date = "2027-01-01", end_date = "2027-12-31",
                        rent_amount = Rent, due_day = 1,
                    }, ct);
                    renters[i] = new Renter(renterId, renterToken, Id(lease), account, landlordId, landlordAccount);
                }
            });
        return renters.Select(r => r!).ToList();
    }

    /// <summary>An account whose last four digits the simulated bank treats as ordinary (README, "Test accounts").</summary>
    private static async Task<Guid> AccountAsync(HttpClient http, string token, int number, CancellationToken ct) =>
        Id(await PostAsync(http, token, "/api/v1/bank-accounts/",
            new { account_number = $"0001{5000 + number % 4000:D8}", routing_number = "021000021", account_type = "checking" }, ct));

    private static async Task<(Guid Id, string Token)> SignUpAsync(HttpClient http, string role, string name, CancellationToken ct)
    {
        var email = $"{name}@bench.directpay.local";
        var user = await PostAsync(http, null, "/api/v1/users/", new { email, full_name = name, role, password = Password }, ct);
        var token = await PostAsync(http, null, "/api/v1/auth/token", new { email, password = Password }, ct);
        return (Id(user), token.GetProperty("access_token").GetString()!);
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string? token, string path, object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Guid Id(JsonElement json) => json.GetProperty("id").GetGuid();
}
