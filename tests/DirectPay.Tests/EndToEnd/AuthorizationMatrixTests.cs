using System.Net;
using System.Text.Json;

namespace DirectPay.Tests.EndToEnd;

/// <summary>
/// Every endpoint in the OpenAPI document, called by anonymous, the owners (a landlord and their renter), another landlord,
/// another renter and an admin: each gets the expected status, and no one else's data in any answer. An endpoint without
/// a rule here fails the test.
/// </summary>
[Collection(AppCollection.Name)]
public class AuthorizationMatrixTests(DirectPayApp app) : EndToEndTest(app)
{
    [Flags]
    public enum Who { Nobody = 0, Landlord = 1, Renter = 2, OtherLandlord = 4, OtherRenter = 8, Admin = 16, Anonymous = 32 }

    private const Who Parties = Who.Landlord | Who.Renter;
    private const Who SignedIn = Who.Landlord | Who.Renter | Who.OtherLandlord | Who.OtherRenter | Who.Admin;

    /// <summary>Who may call an endpoint; Destructive ones get a world of their own; MayBeMissing lets an admin get 404 (nothing yet).</summary>
    private sealed record Rule(string Method, string Template, Who Allowed, Func<World, string> Path, Func<World, object>? Body = null,
        bool Destructive = false, bool MayBeMissing = false);

    private static readonly Rule[] Rules =
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
            payment_rail_type = "instant", idempotency_key = Guid.NewGuid().ToString(),
        }),
        new("get", "/api/v1/payments/{id}", Parties | Who.Admin, w => $"/api/v1/payments/{w.PaymentId}"),
        new("get", "/api/v1/payments/{id}/history", Parties | Who.Admin, w => $"/api/v1/payments/{w.PaymentId}/history"),
        new("get", "/api/v1/payments/lease/{leaseId}", Parties | Who.Admin, w => $"/api/v1/payments/lease/{w.LeaseId}"),
        new("post", "/api/v1/payments/{id}/retry", Who.Renter | Who.Admin, w => $"/api/v1/payments/{w.PaymentId}/retry", _ => new { }),
        new("post", "/api/v1/payments/{id}/refunds", Who.Landlord | Who.Admin, w => $"/api/v1/payments/{w.PaymentId}/refunds",
            _ => new { amount = 1.00m, idempotency_key = Guid.NewGuid().ToString() }),
        new("get", "/api/v1/payments/{id}/refunds", Parties | Who.Admin, w => $"/api/v1/payments/{w.PaymentId}/refunds"),
        new("get", "/api/v1/payments/{id}/refunds/{refundId}", Parties | Who.Admin, w => $"/api/v1/payments/{w.PaymentId}/refunds/{w.RefundId}"),
        new("post", "/api/v1/admin/bank-statements", Who.Admin, _ => "/api/v1/admin/bank-statements", _ => Array.Empty<object>()),
        new("post", "/api/v1/admin/reconciliation/runs", Who.Admin, _ => "/api/v1/admin/reconciliation/runs", _ => new { }),
        new("get", "/api/v1/admin/reconciliation/runs/{id}", Who.Admin, w => $"/api/v1/admin/reconciliation/runs/{w.ReconciliationRunId}"),
        new("get", "/api/v1/admin/reconciliation", Who.Admin, _ => "/api/v1/admin/reconciliation", MayBeMissing: true),
        new("get", "/api/v1/landlords/{id}/stats", Who.Landlord | Who.Admin, w => $"/api/v1/landlords/{w.Landlord.Id}/stats"),
        new("get", "/api/v1/admin/stats", Who.Admin, _ => "/api/v1/admin/stats"),
        new("post", "/api/v1/webhooks", SignedIn, _ => "/api/v1/webhooks/",
            w => new { url = w.HookUrl, event_types = new[] { "payment.completed" } }),
        new("get", "/api/v1/webhooks", SignedIn, _ => "/api/v1/webhooks/"), // everyone lists their own
        new("delete", "/api/v1/webhooks/{id}", Who.Landlord, w => $"/api/v1/webhooks/{w.WebhookId}", Destructive: true),
        new("get", "/api/v1/webhooks/{id}/deliveries", Who.Landlord, w => $"/api/v1/webhooks/{w.WebhookId}/deliveries"),
        new("post", "/api/v1/webhooks/{id}/deliveries/{deliveryId}/resend", Who.Landlord,
            w => $"/api/v1/webhooks/{w.WebhookId}/deliveries/{w.DeliveryId}/resend", _ => new { }),
    ];

    [Fact]
    public async Task Every_endpoint_answers_each_kind_of_caller_as_its_rule_says_and_shows_no_one_else_data()
    {
        var document = await (await App.Http.GetAsync("/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name} {path.Name.TrimEnd('/')}")).Order().ToList();
        Assert.Equal(documented, Rules.Select(r => $"{r.Method} {r.Template}").Order().ToList()); // a new endpoint needs a rule

        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0);
        var shared = await World.CreateAsync(App, receiver.Url);
        var failures = new List<string>();
        foreach (var rule in Rules)
        {
            // The allowed callers last, so a destructive call by its owner does not change what the others see; and each
            // allowed caller of a destructive endpoint in a world of their own.
            var world = rule.Destructive ? await World.CreateAsync(App, receiver.Url) : shared;
            foreach (var who in Enum.GetValues<Who>().Where(w => w != Who.Nobody).OrderBy(w => rule.Allowed.HasFlag(w)))
            {
                if (rule.Destructive && rule.Allowed.HasFlag(who) && who != Who.Anonymous) world = await World.CreateAsync(App, receiver.Url);
                var response = await world.SendAsync(who, new HttpMethod(rule.Method.ToUpperInvariant()), rule.Path(world), rule.Body?.Invoke(world));
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                var allowed = rule.Allowed.HasFlag(who);
                var ok = allowed
                    ? status is not (401 or 403) && (status != 404 || (rule.MayBeMissing && who == Who.Admin))
                    : who == Who.Anonymous ? status == 401 : status is 403 or 404;
                if (status >= 500) ok = false;
                if (!ok) failures.Add($"{rule.Method} {rule.Template} as {who}: {status}");
                if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"{rule.Method} {rule.Template} as {who}: {status} without problem+json");
                if (who is Who.OtherLandlord or Who.OtherRenter or Who.Anonymous && world.PrivateValues(rule.Path(world)).FirstOrDefault(body.Contains) is { } leaked)
                    failures.Add($"{rule.Method} {rule.Template} as {who}: the answer contains {leaked}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A landlord and their renter with a property, a lease, accounts, a settled payment, a refund and a webhook delivery.</summary>
    private sealed record World(Caller Landlord, Caller Renter, Caller OtherLandlord, Caller OtherRenter, Caller Admin,
        Guid LandlordAccount, Guid RenterAccount, Guid PropertyId, Guid LeaseId, Guid PaymentId, Guid RefundId, Guid WebhookId,
        Guid DeliveryId, Guid ReconciliationRunId, string HookUrl)
    {
        public static async Task<World> CreateAsync(DirectPayApp app, string hookUrl)
        {
            var scenario = await PaymentScenario.StartAsync(app);
            var webhook = await (await scenario.Landlord.PostAsync("/api/v1/webhooks/",
                new { url = hookUrl, event_types = new[] { "payment.completed" } })).ReadJsonAsync(HttpStatusCode.Created);
            var paymentId = await scenario.PayAsync(100.00m, rail: "instant");
            await scenario.WaitForStatusAsync(paymentId, "completed");
            var refund = await (await scenario.Landlord.PostAsync($"/api/v1/payments/{paymentId}/refunds",
                new { amount = 10.00m, idempotency_key = Guid.NewGuid().ToString() })).ReadJsonAsync(HttpStatusCode.Created);
            JsonElement deliveries = default;
            await Eventually.TrueAsync(async () => (deliveries = await (await scenario.Landlord.GetAsync($"/api/v1/webhooks/{webhook.Id()}/deliveries"))
                .ReadJsonAsync(HttpStatusCode.OK)).GetArrayLength() > 0, "No webhook delivery was queued.");
            var admin = await app.AdminAsync();
            var run = await (await admin.PostAsync("/api/v1/admin/reconciliation/runs", new { })).ReadJsonAsync(HttpStatusCode.Accepted);
            return new World(scenario.Landlord, scenario.Renter, await app.SignUpAsync("landlord"), await app.SignUpAsync("renter"), admin,
                scenario.PayeeAccountId, scenario.PayerAccountId, await PropertyOfAsync(scenario), scenario.LeaseId, paymentId, refund.Id(),
                webhook.Id(), deliveries[0].Id(), run.Id(), hookUrl);
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
