using System.Net;
using System.Text.Json;
using Npgsql;

namespace DirectPay.Tests.EndToEnd;

/// <summary>Every change to a record people care about leaves one audit entry naming who made it, and no secret.</summary>
[Collection(AppCollection.Name)]
public class AuditTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task Each_kind_of_change_writes_one_entry_naming_its_actor_and_no_secret()
    {
        var scenario = await PaymentScenario.StartAsync(App, payerNumber: "40000001"); // R01 on every attempt
        var (landlord, renter, leaseId) = (scenario.Landlord, scenario.Renter, scenario.LeaseId);
        var admin = await App.AdminAsync();
        await (await landlord.PutAsync($"/api/v1/leases/{leaseId}/rent-policy", new { grace_days = 3 })).ReadJsonAsync(HttpStatusCode.OK);
        await (await renter.PutAsync($"/api/v1/leases/{leaseId}/autopay", new { enabled = true, bank_account_id = scenario.PayerAccountId }))
            .ReadJsonAsync(HttpStatusCode.OK);
        var webhook = (await (await landlord.PostAsync("/api/v1/webhooks/", new { url = "https://1.1.1.1/hook", event_types = new[] { "payment.failed" } }))
            .ReadJsonAsync(HttpStatusCode.Created)).Id();
        Assert.Equal(HttpStatusCode.NoContent, (await landlord.SendAsync(HttpMethod.Delete, $"/api/v1/webhooks/{webhook}")).StatusCode);
        var paymentId = await scenario.PayAsync(rail: "instant");
        await scenario.WaitForStatusAsync(paymentId, "failed");
        await (await admin.PostAsync($"/api/v1/payments/{paymentId}/retry", new { })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await renter.SendAsync(HttpMethod.Delete, $"/api/v1/users/{renter.Id}")).StatusCode);

        async Task<string[]> LogOf(string entity, object id) =>
            (await EntriesAsync(admin, $"entity={entity}&entity_id={id}"))
            .Select(e => $"{e.GetProperty("action").GetString()} by {e.GetProperty("actor_id").GetString()}").Reverse().ToArray();
        Assert.Equal([$"created by {landlord.Id}"], await LogOf("users", landlord.Id));
        Assert.Equal([$"created by {renter.Id}", $"updated by {renter.Id}"], await LogOf("users", renter.Id)); // signed up, closed
        Assert.Equal([$"created by {renter.Id}"], await LogOf("bank_accounts", scenario.PayerAccountId));
        Assert.Equal([$"created by {landlord.Id}", $"updated by {landlord.Id}"], await LogOf("leases", leaseId)); // let, policy set
        Assert.Equal([$"created by {renter.Id}", $"updated by {renter.Id}"], await LogOf("autopay_settings", $"{leaseId}:{renter.Id}"));
        Assert.Equal([$"created by {landlord.Id}", $"deleted by {landlord.Id}"], await LogOf("webhook_endpoints", webhook));
        Assert.Equal(admin.Id, await App.ScalarAsync<Guid>(
            "SELECT actor_id FROM payment_events WHERE payment_id = $1 AND event_type = 'payment_retried'", paymentId));
        Assert.Equal(renter.Id, await App.ScalarAsync<Guid>(
            "SELECT actor_id FROM payment_events WHERE payment_id = $1 AND event_type = 'payment_initiated'", paymentId));

        var policy = (await EntriesAsync(admin, $"entity=leases&entity_id={leaseId}&user_id={landlord.Id}"))[0];
        Assert.Equal((0, 3), (policy.GetProperty("old_values").GetProperty("policy_grace_days").GetInt32(),
            policy.GetProperty("new_values").GetProperty("policy_grace_days").GetInt32()));
        var everything = await App.ScalarAsync<string>(
            "SELECT string_agg(coalesce(old_values::text, '') || coalesce(new_values::text, ''), ' ') FROM audit_log WHERE entity_id = ANY($1)",
            (object)new[] { landlord.Id.ToString(), renter.Id.ToString(), scenario.PayerAccountId.ToString(), webhook.ToString() });
        Assert.DoesNotContain(ApiClient.Password, everything);
        Assert.DoesNotContain("40000001", everything); // the account number
        Assert.DoesNotContain("whsec_", everything);
        Assert.Contains("\"password_hash\": \"***\"", everything);
        Assert.Contains("\"account_token\": \"***\"", everything);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_remove_an_audit_entry_and_only_admins_read_it()
    {
        var landlord = await App.SignUpAsync("landlord");
        var id = await App.ScalarAsync<long>("SELECT max(id) FROM audit_log WHERE entity = 'users' AND entity_id = $1", landlord.Id.ToString());

        var update = await Assert.ThrowsAsync<PostgresException>(() => App.ScalarAsync<int>("UPDATE audit_log SET action = 'deleted' WHERE id = $1 RETURNING 1", id));
        Assert.Contains("append-only", update.MessageText);
        await Assert.ThrowsAsync<PostgresException>(() => App.ScalarAsync<int>("DELETE FROM audit_log WHERE id = $1 RETURNING 1", id));
        Assert.Equal("created", await App.ScalarAsync<string>("SELECT action FROM audit_log WHERE id = $1", id));
        await (await landlord.GetAsync("/api/v1/admin/audit")).ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    private static async Task<JsonElement[]> EntriesAsync(Caller admin, string query) =>
        (await (await admin.GetAsync($"/api/v1/admin/audit?{query}")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToArray();
}
