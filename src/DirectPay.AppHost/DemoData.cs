using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DirectPay.AppHost;

/// <summary>
/// The dashboard command "Seed demo data" on the api: a landlord, five renters with their leases, and a payment in every
/// state (completed, failed, processing on standard ACH, refunded, and an ACH payment the bank will return), made through
/// the public API like any client; and two flatmates sharing a lease, one on autopay, the other charged late fees.
/// Every seeded user's password is <see cref="Password"/>: demo data, not a secret.
/// </summary>
internal static class DemoData
{
    public const string Password = "demo-password-1";

    public static IResourceBuilder<ProjectResource> WithSeedDemoDataCommand(this IResourceBuilder<ProjectResource> api) =>
        api.WithCommand("seed-demo-data", "Seed demo data", async context =>
        {
            var logger = context.Services.GetRequiredService<ILoggerFactory>().CreateLogger(nameof(DemoData));
            try
            {
                // Without the AppHost's own trace context: it is not sampled, and the api follows its caller's decision, so
                // the seeded payments would have no traces in the dashboard. Each request starts its own trace instead.
                using var http = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator() })
                {
                    BaseAddress = new Uri(api.GetEndpoint("http").Url),
                };
                var landlord = await SeedAsync(http, context.CancellationToken);
                logger.LogInformation("Seeded demo data for landlord {Email}", landlord);
                return CommandResults.Success($"Seeded: sign in as {landlord} with {Password}.");
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or JsonException or TaskCanceledException)
            {
                return CommandResults.Failure(e.Message);
            }
        }, new CommandOptions
        {
            Description = "A landlord, renters, properties, leases, a payment in every state, autopay and late fees, through the API",
            IconName = "DatabaseArrowUp",
            UpdateState = state => state.ResourceSnapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
        });

    /// <summary>Returns the landlord's email.</summary>
    private static async Task<string> SeedAsync(HttpClient http, CancellationToken ct)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var (_, landlordToken, landlordEmail) = await SignUpAsync(http, "landlord", $"landlord-{run}", ct);
        var payee = await PostAsync(http, landlordToken, "/api/v1/bank-accounts/",
            new { account_number = "000111222333", routing_number = "021000021", account_type = "checking", bank_name = "Demo Bank" }, ct);

        // Payer account number → the bank's answer (README, "Test accounts").
        (string Name, string Account, string Rail, bool Refund)[] renters =
        [
            ("completed", "000100004321", "instant", false),
            ("failed", "000100000002", "instant", false),
            ("processing", "000100005555", "standard_ach", false),
            ("refunded", "000100006666", "instant", true),
            ("returned", "000100000021", "same_day_ach", false),
        ];
        var unit = 0;
        foreach (var (name, account, rail, refund) in renters)
        {
            var (renterId, renterToken, _) = await SignUpAsync(http, "renter", $"renter-{name}-{run}", ct);
            var payer = await PostAsync(http, renterToken, "/api/v1/bank-accounts/",
                new { account_number = account, routing_number = "021000021", account_type = "checking" }, ct);
            var property = await PostAsync(http, landlordToken, "/api/v1/properties/", new
            {
                address = "12 Main St", city = "Springfield", state = "IL", postal_code = "62701", unit_number = $"{++unit}A", property_type = "apartment",
            }, ct);
            var lease = await PostAsync(http, landlordToken, "/api/v1/leases/", new
            {
                property_id = Id(property), renter_id = renterId, start_date = "2027-01-01", end_date = "2027-12-31", rent_amount = 1850.00m, due_day = 1,
            }, ct);
            var payment = await PostAsync(http, renterToken, "/api/v1/payments/", new
            {
                lease_id = Id(lease), payer_account_id = Id(payer), payee_account_id = Id(payee), amount = 1850.00m,
                payment_rail_type = rail, idempotency_key = $"demo-{run}-{name}",
            }, ct);
            if (refund) await RefundWhenSettledAsync(http, landlordToken, Id(payment), run, ct);
        }
        await SeedSharedLeaseAsync(http, landlordToken, run, ct);
        return landlordEmail;
    }

    /// <summary>
    /// Two flatmates splitting 2,000.00 (60/40) since two months ago, with a late fee (5% after 5 days, at most 75.00):
    /// the first pays by autopay, the second has not paid, so the worker charges them late fees.
    /// </summary>
    private static async Task SeedSharedLeaseAsync(HttpClient http, string landlordToken, string run, CancellationToken ct)
    {
        var (autopayId, autopayToken, _) = await SignUpAsync(http, "renter", $"renter-autopay-{run}", ct);
        var (lateId, _, _) = await SignUpAsync(http, "renter", $"renter-late-{run}", ct);
        await PostAsync(http, autopayToken, "/api/v1/bank-accounts/",
            new { account_number = "000100007777", routing_number = "021000021", account_type = "checking" }, ct);
        var property = await PostAsync(http, landlordToken, "/api/v1/properties/", new
        {
            address = "40 Elm St", city = "Springfield", state = "IL", postal_code = "62701", property_type = "house",
        }, ct);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-2);
        var lease = await PostAsync(http, landlordToken, "/api/v1/leases/", new
        {
            property_id = Id(property), renter_id = autopayId, start_date = start, end_date = start.AddYears(1).AddDays(-1),
            rent_amount = 2000.00m, due_day = 1,
            shares = new[] { new { renter_id = autopayId, percent = 60m }, new { renter_id = lateId, percent = 40m } },
            rent_policy = new { grace_days = 5, late_fee_type = "percent", late_fee_amount = 5m, late_fee_cap = 75.00m },
        }, ct);
        await SendAsync(http, HttpMethod.Put, autopayToken, $"/api/v1/leases/{Id(lease)}/autopay",
            new { enabled = true, payment_rail_type = "instant", max_amount = 1500.00m }, ct); // a 1,200 share and its late fee
    }

    private static async Task RefundWhenSettledAsync(HttpClient http, string landlordToken, string paymentId, string run, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 40; attempt++) // an instant payment settles within about two seconds
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/payments/{paymentId}");
            get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", landlordToken);
            var payment = await (await http.SendAsync(get, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
            if (payment.GetProperty("status").GetString() == "completed")
            {
                await PostAsync(http, landlordToken, $"/api/v1/payments/{paymentId}/refunds",
                    new { reason = "Demo: the heating was out", idempotency_key = $"demo-{run}-refund" }, ct);
                return;
            }
            await Task.Delay(250, ct);
        }
        throw new InvalidOperationException($"Payment {paymentId} did not settle; is the worker running?");
    }

    private static async Task<(string Id, string Token, string Email)> SignUpAsync(HttpClient http, string role, string name, CancellationToken ct)
    {
        var email = $"{name}@demo.directpay.local";
        var user = await PostAsync(http, null, "/api/v1/users/", new { email, full_name = $"Demo {name}", role, password = Password }, ct);
        var token = await PostAsync(http, null, "/api/v1/auth/token", new { email, password = Password }, ct);
        return (Id(user), token.GetProperty("access_token").GetString()!, email);
    }

    private static Task<JsonElement> PostAsync(HttpClient http, string? token, string path, object body, CancellationToken ct) =>
        SendAsync(http, HttpMethod.Post, token, path, body, ct);

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string? token, string path, object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Id(JsonElement json) => json.GetProperty("id").GetString()!;
}
