using System.Net;
using System.Text.Json;

namespace DirectPay.Tests.EndToEnd;

/// <summary>
/// Every endpoint with who may call it and a valid request for it, in a world of a landlord and their renter: what the
/// authorization matrix and the hostile-input tests go through.
/// </summary>
public static class EndpointCatalog
{
    [Flags]
    public enum Who { Nobody = 0, Landlord = 1, Renter = 2, OtherLandlord = 4, OtherRenter = 8, Admin = 16, Anonymous = 32 }

    public const Who Parties = Who.Landlord | Who.Renter;
    public const Who SignedIn = Who.Landlord | Who.Renter | Who.OtherLandlord | Who.OtherRenter | Who.Admin;

    /// <summary>Who may call an endpoint; Destructive ones get a world of their own; MayBeMissing lets an admin get 404 (nothing yet).</summary>
    public sealed record Rule(string Method, string Template, Who Allowed, Func<World, string> Path, Func<World, object>? Body = null,
        bool Destructive = false, bool MayBeMissing = false);

    public static readonly Rule[] Rules =
    [
        new("post", "/api/v1/users", Who.Anonymous | SignedIn, _ => "/api/v1/users/",
            _ => new { email = $"new-{Guid.NewGuid():N}@example.com", full_name = "New", role = "renter", password = ApiClient.Password }),
        new("get", "/api/v1/users/{id}", Who.Renter | Who.Admin, w => $"/api/v1/users/{w.Renter.Id}"),
        new("delete", "/api/v1/users/{id}", Who.Renter | Who.Admin, w => $"/api/v1/users/{w.Renter.Id}", Destructive: true),
        new("get", "/api/v1/users/role/{role}", Who.Admin, _ => "/api/v1/users/role/renter"),
        new("post", "/api/v1/auth/token", Who.Anonymous | SignedIn, _ => "/api/v1/auth/token",
            w => new { email = w.Renter.Email, password = ApiClient.Password }), // 200, then 429 once the email's limit is reached
        new("post", "/api/v1/bank-accounts", SignedIn, _ => "/api/v1/bank-accounts/",
            _ => new { account_number = "11112222", routing_number = Scenario.RoutingNumber, account_type = "checking" }),
        new("get", "/api/v1/bank-accounts/{id}", Who.Renter | Who.Admin, w => $"/api/v1/bank-accounts/{w.RenterAccount}"),
        new("get", "/api/v1/bank-accounts/user/{userId}", Who.Renter | Who.Admin, w => $"/api/v1/bank-accounts/user/{w.Renter.Id}"),
        new("patch", "/api/v1/bank-accounts/{id}/set-primary", Who.Renter, w => $"/api/v1/bank-accounts/{w.RenterAccount}/set-primary"),
        new("put", "/api/v1/bank-accounts/{id}/account-number", Who.Renter, w => $"/api/v1/bank-accounts/{w.RenterAccount}/account-number",
            _ => new { account_number = PaymentScenario.DefaultPayerNumber }),
        new("patch", "/api/v1/bank-accounts/{id}/deactivate", Who.Renter, w => $"/api/v1/bank-accounts/{w.RenterAccount}/deactivate", Destructive: true),
        new("get", "/api/v1/bank-accounts/{id}/balance", Who.Renter | Who.Admin, w => $"/api/v1/bank-accounts/{w.RenterAccount}/balance"),
        new("get", "/api/v1/bank-accounts/{id}/entries", Who.Renter | Who.Admin, w => $"/api/v1/bank-accounts/{w.RenterAccount}/entries"),
        new("get", "/api/v1/admin/ledger/check", Who.Admin, _ => "/api/v1/admin/ledger/check"),
        new("post", "/api/v1/properties", Who.Landlord | Who.OtherLandlord, _ => "/api/v1/properties/", _ => Scenario.PropertyBody()),
        new("get", "/api/v1/properties/{id}", Parties | Who.Admin, w => $"/api/v1/properties/{w.PropertyId}"),
        new("get", "/api/v1/properties/landlord/{landlordId}", Who.Landlord | Who.Admin, w => $"/api/v1/properties/landlord/{w.Landlord.Id}"),
        new("post", "/api/v1/leases", Who.Landlord, _ => "/api/v1/leases/", // 409 for the landlord: the property is let for those dates
            w => Scenario.LeaseBody(w.PropertyId, w.Renter.Id)),
        new("get", "/api/v1/leases/{id}", Parties | Who.Admin, w => $"/api/v1/leases/{w.LeaseId}"),
        new("get", "/api/v1/leases/renter/{renterId}", Who.Renter | Who.Admin, w => $"/api/v1/leases/renter/{w.Renter.Id}"),
        new("get", "/api/v1/leases/property/{propertyId}", Who.Landlord | Who.Admin, w => $"/api/v1/leases/property/{w.PropertyId}"),
        new("post", "/api/v1/leases/{id}/amendments", Who.Landlord, w => $"/api/v1/leases/{w.LeaseId}/amendments",
            _ => new { rent_amount = 1600.00m, effective_from = "2027-06-01" }),
        new("get", "/api/v1/leases/{id}/ledger", Parties | Who.Admin, w => $"/api/v1/leases/{w.LeaseId}/ledger"),
        new("put", "/api/v1/leases/{id}/rent-policy", Who.Landlord, w => $"/api/v1/leases/{w.LeaseId}/rent-policy", _ => new { grace_days = 3 }),
        new("put", "/api/v1/leases/{id}/schedule", Who.Landlord, w => $"/api/v1/leases/{w.LeaseId}/schedule", _ => new { status = "active" }),
        new("put", "/api/v1/leases/{id}/autopay", Who.Renter, w => $"/api/v1/leases/{w.LeaseId}/autopay", _ => new { enabled = false }),
        new("get", "/api/v1/leases/{id}/autopay", Parties | Who.Admin, w => $"/api/v1/leases/{w.LeaseId}/autopay"),
        new("post", "/api/v1/payments", Who.Renter, _ => "/api/v1/payments/", w => new
        {
            lease_id = w.LeaseId, payer_account_id = w.RenterAccount, payee_account_id = w.LandlordAccount, amount = 10.00m,
            payment_rail_type = "instant", idempotency_key = $"key-{Guid.NewGuid():N}",
        }),
        new("get", "/api/v1/payments/{id}", Parties | Who.Admin, w => $"/api/v1/payments/{w.PaymentId}"),
        new("get", "/api/v1/payments/{id}/history", Parties | Who.Admin, w => $"/api/v1/payments/{w.PaymentId}/history"),
        new("get", "/api/v1/payments/{id}/authorization", Who.Renter | Who.Admin, w => $"/api/v1/payments/{w.PaymentId}/authorization"),
        new("get", "/api/v1/payments/lease/{leaseId}", Parties | Who.Admin, w => $"/api/v1/payments/lease/{w.LeaseId}"),
        new("post", "/api/v1/payments/{id}/retry", Who.Renter | Who.Admin, w => $"/api/v1/payments/{w.PaymentId}/retry", _ => new { }),
        new("post", "/api/v1/payments/{id}/refunds", Who.Landlord | Who.Admin, w => $"/api/v1/payments/{w.PaymentId}/refunds",
            _ => new { amount = 1.00m, idempotency_key = $"key-{Guid.NewGuid():N}" }),
        new("get", "/api/v1/payments/{id}/refunds", Parties | Who.Admin, w => $"/api/v1/payments/{w.PaymentId}/refunds"),
        new("get", "/api/v1/payments/{id}/refunds/{refundId}", Parties | Who.Admin, w => $"/api/v1/payments/{w.PaymentId}/refunds/{w.RefundId}"),
        new("post", "/api/v1/admin/bank-statements", Who.Admin, _ => "/api/v1/admin/bank-statements", _ => Array.Empty<object>()),
        new("post", "/api/v1/admin/reconciliation/runs", Who.Admin, _ => "/api/v1/admin/reconciliation/runs", _ => new { }),
        new("get", "/api/v1/admin/reconciliation/runs/{id}", Who.Admin, w => $"/api/v1/admin/reconciliation/runs/{w.ReconciliationRunId}"),
        new("get", "/api/v1/admin/reconciliation", Who.Admin, _ => "/api/v1/admin/reconciliation", MayBeMissing: true),
        new("get", "/api/v1/landlords/{id}/stats", Who.Landlord | Who.Admin, w => $"/api/v1/landlords/{w.Landlord.Id}/stats"),
        new("get", "/api/v1/admin/stats", Who.Admin, _ => "/api/v1/admin/stats"),
        new("get", "/api/v1/landlords/{id}/payouts", Who.Landlord | Who.Admin, w => $"/api/v1/landlords/{w.Landlord.Id}/payouts"),
        new("get", "/api/v1/admin/audit", Who.Admin, _ => "/api/v1/admin/audit"),
        new("get", "/api/v1/admin/ach/files", Who.Admin, _ => "/api/v1/admin/ach/files"),
        new("get", "/api/v1/admin/ach/files/{id}", Who.Admin, w => $"/api/v1/admin/ach/files/{w.AchFileId}?unmasked=true"),
        new("post", "/api/v1/admin/ach/files", Who.Admin, _ => "/api/v1/admin/ach/files", _ => new { }), // JSON: 415 for the admin
        new("post", "/api/v1/webhooks", SignedIn, _ => "/api/v1/webhooks/",
            w => new { url = w.HookUrl, event_types = new[] { "payment.completed" } }),
        new("get", "/api/v1/webhooks", SignedIn, _ => "/api/v1/webhooks/"), // everyone lists their own
        new("delete", "/api/v1/webhooks/{id}", Who.Landlord, w => $"/api/v1/webhooks/{w.WebhookId}", Destructive: true),
        new("get", "/api/v1/webhooks/{id}/deliveries", Who.Landlord, w => $"/api/v1/webhooks/{w.WebhookId}/deliveries"),
        new("post", "/api/v1/webhooks/{id}/deliveries/{deliveryId}/resend", Who.Landlord,
            w => $"/api/v1/webhooks/{w.WebhookId}/deliveries/{w.DeliveryId}/resend", _ => new { }),
    ];

    /// <summary>A landlord and their renter with a property, a lease, accounts, a settled payment, a refund and a webhook delivery.</summary>
    public sealed record World(Caller Landlord, Caller Renter, Caller OtherLandlord, Caller OtherRenter, Caller Admin,
        Guid LandlordAccount, Guid RenterAccount, Guid PropertyId, Guid LeaseId, Guid PaymentId, Guid RefundId, Guid WebhookId,
        Guid DeliveryId, Guid ReconciliationRunId, Guid AchFileId, string HookUrl)
    {
        public static async Task<World> CreateAsync(DirectPayApp app, string hookUrl)
        {
            var scenario = await PaymentScenario.StartAsync(app);
            var webhook = await (await scenario.Landlord.PostAsync("/api/v1/webhooks/",
                new { url = hookUrl, event_types = new[] { "payment.completed" } })).ReadJsonAsync(HttpStatusCode.Created);
            var paymentId = await scenario.PayAsync(100.00m, rail: "instant");
            await scenario.WaitForStatusAsync(paymentId, "completed");
            var refund = await (await scenario.Landlord.PostAsync($"/api/v1/payments/{paymentId}/refunds",
                new { amount = 10.00m, idempotency_key = $"key-{Guid.NewGuid():N}" })).ReadJsonAsync(HttpStatusCode.Created);
            JsonElement deliveries = default;
            await Eventually.TrueAsync(async () => (deliveries = await (await scenario.Landlord.GetAsync($"/api/v1/webhooks/{webhook.Id()}/deliveries"))
                .ReadJsonAsync(HttpStatusCode.OK)).GetArrayLength() > 0, "No webhook delivery was queued.");
            var achPayment = await scenario.PayAsync(100.00m, rail: "same_day_ach");
            Guid achFile = default;
            await Eventually.TrueAsync(async () => (achFile = await app.ScalarAsync<Guid>("SELECT ach_file_id FROM payments WHERE id = $1", achPayment)) != default,
                "The ACH payment never went in a file.");
            var admin = await app.AdminAsync();
            var run = await (await admin.PostAsync("/api/v1/admin/reconciliation/runs", new { })).ReadJsonAsync(HttpStatusCode.Accepted);
            return new World(scenario.Landlord, scenario.Renter, await app.SignUpAsync("landlord"), await app.SignUpAsync("renter"), admin,
                scenario.PayeeAccountId, scenario.PayerAccountId, await PropertyOfAsync(scenario), scenario.LeaseId, paymentId, refund.Id(),
                webhook.Id(), deliveries[0].Id(), run.Id(), achFile, hookUrl);
        }

        private static async Task<Guid> PropertyOfAsync(PaymentScenario scenario) => Guid.Parse((await (await scenario.Landlord
            .GetAsync($"/api/v1/leases/{scenario.LeaseId}")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("property_id").GetString()!);

        public async Task<HttpResponseMessage> SendAsync(Who who, HttpMethod method, string path, object? body)
        {
            if (who == Who.Anonymous)
            {
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body) };
                return await Landlord.App.Http.SendAsync(request);
            }
            var caller = who switch
            {
                Who.Landlord => Landlord, Who.Renter => Renter, Who.OtherLandlord => OtherLandlord, Who.OtherRenter => OtherRenter, _ => Admin,
            };
            return await caller.SendAsync(method, path, body);
        }

        /// <summary>What only the owners may see: their emails, and the ids of their things other than those the caller named.</summary>
        public IEnumerable<string> PrivateValues(string path) =>
            new[] { Landlord.Email, Renter.Email }.Concat(new[] { LandlordAccount, RenterAccount, PropertyId, LeaseId, PaymentId, RefundId,
                    WebhookId, DeliveryId, Landlord.Id, Renter.Id }.Select(id => id.ToString()).Where(id => !path.Contains(id)));
    }
}
