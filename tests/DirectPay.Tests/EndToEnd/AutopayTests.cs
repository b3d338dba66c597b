using System.Net;
using System.Text.Json;

namespace DirectPay.Tests.EndToEnd;

/// <summary>Autopay pays each due period once, through restarts and several worker replicas; what it cannot pay it says, to both parties.</summary>
[Collection(AppCollection.Name)]
public class AutopayTests(DirectPayApp app) : EndToEndTest(app)
{
    private static readonly DateOnly ThisMonth = new(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1);

    [Fact]
    public async Task Autopay_pays_each_due_period_exactly_once_across_a_crash_and_restart_with_several_workers()
    {
        var (landlord, renter) = await PartiesAsync();
        // Rent due on the 1st since three months ago: four periods are due today, the fifth is next month.
        var leaseId = await RentTests.CreateLeaseAsync(landlord, renter.Id, ThisMonth.AddMonths(-3), rent: 1000.00m);

        await EnableAsync(renter, leaseId);
        await Eventually.TrueAsync(async () => await PaymentsAsync(leaseId) >= 1, "Autopay never paid.");
        await App.KillAndStartAsync(ResourceNames.PaymentWorker); // every replica, while autopay is at work
        await Eventually.TrueAsync(async () => (await RentTests.LedgerAsync(renter, leaseId)).GetProperty("periods").EnumerateArray()
            .Take(4).All(p => p.GetProperty("status").GetString() == "paid"), "Autopay never paid the four due periods.");
        await App.RoundsAsync("AutopayScheduler"); // a second payment would have been made by now

        Assert.Equal(4, await PaymentsAsync(leaseId));
        var autopay = await (await landlord.GetAsync($"/api/v1/leases/{leaseId}/autopay")).ReadJsonAsync(HttpStatusCode.OK);
        var attempts = autopay.GetProperty("attempts").EnumerateArray().ToArray();
        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"{ThisMonth.AddMonths(-i):yyyy-MM} completed"),
            attempts.Select(a => $"{a.GetProperty("period").GetString()} {a.GetProperty("payment_status").GetString()}"));
        Assert.Equal($"autopay:{leaseId:N}:{renter.Id:N}:{ThisMonth:yyyy-MM}", attempts[0].GetProperty("idempotency_key").GetString());
        Assert.Equal(0L, await App.ScalarAsync<long>(
            "SELECT count(*) FROM (SELECT period_due_date FROM payments WHERE lease_id = $1 GROUP BY 1 HAVING count(*) > 1) twice", leaseId));
        var next = (await RentTests.LedgerAsync(renter, leaseId)).GetProperty("periods")[4];
        Assert.Equal(("upcoming", 0.00m), (next.GetProperty("status").GetString(), next.GetProperty("paid").GetDecimal()));
    }

    [Fact]
    public async Task A_deactivated_account_is_a_failed_attempt_with_its_reason_for_both_parties()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0);
        var (landlord, renter) = await PartiesAsync();
        await (await landlord.PostAsync("/api/v1/webhooks/", new { url = receiver.Url, event_types = new[] { "autopay.failed" } }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var spare = await renter.AddBankAccountAsync("55559999");
        var leaseId = await RentTests.CreateLeaseAsync(landlord, renter.Id, ThisMonth, rent: 1000.00m); // this month is due
        await (await landlord.PutAsync($"/api/v1/leases/{leaseId}/schedule", new { status = "paused" })).ReadJsonAsync(HttpStatusCode.OK);
        await EnableAsync(renter, leaseId, spare);
        await (await renter.PatchAsync($"/api/v1/bank-accounts/{spare}/deactivate")).ReadJsonAsync(HttpStatusCode.OK);
        await (await landlord.PutAsync($"/api/v1/leases/{leaseId}/schedule", new { status = "active" })).ReadJsonAsync(HttpStatusCode.OK);

        await Eventually.TrueAsync(async () => (await AttemptsAsync(renter, leaseId)).Length == 1, "Autopay never tried.");
        await App.RoundsAsync("AutopayScheduler"); // a second attempt would have been made by now
        foreach (var party in new[] { renter, landlord })
        {
            var attempt = Assert.Single(await AttemptsAsync(party, leaseId));
            Assert.Equal(("The autopay bank account is deactivated.", JsonValueKind.Null),
                (attempt.GetProperty("failure_reason").GetString(), attempt.GetProperty("payment_id").ValueKind));
        }
        Assert.Equal(0, await PaymentsAsync(leaseId));
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Requests.Count == 1), "No autopay.failed webhook came.");
        var sent = JsonDocument.Parse(receiver.Requests.Single().Body).RootElement;
        Assert.Equal(("autopay.failed", $"{ThisMonth:yyyy-MM}"), (sent.GetProperty("type").GetString(),
            sent.GetProperty("data").GetProperty("period").GetString()));
    }

    [Fact]
    public async Task A_paused_schedule_stops_autopay_and_resuming_starts_it_again()
    {
        var (landlord, renter) = await PartiesAsync();
        var leaseId = await RentTests.CreateLeaseAsync(landlord, renter.Id, ThisMonth, rent: 1000.00m);
        await (await landlord.PutAsync($"/api/v1/leases/{leaseId}/schedule", new { status = "paused" })).ReadJsonAsync(HttpStatusCode.OK);
        await EnableAsync(renter, leaseId);

        await App.RoundsAsync("AutopayScheduler"); // a paused schedule would have been paid by now
        Assert.Equal(0, await PaymentsAsync(leaseId));
        Assert.Empty(await AttemptsAsync(renter, leaseId));

        await (await landlord.PutAsync($"/api/v1/leases/{leaseId}/schedule", new { status = "active" })).ReadJsonAsync(HttpStatusCode.OK);
        await Eventually.TrueAsync(async () => await PaymentsAsync(leaseId) == 1, "Autopay never paid after the schedule resumed.");
    }

    [Fact]
    public async Task Autopay_pays_no_more_than_the_renter_agreed_to_and_renters_hear_of_amendments()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0);
        var (landlord, renter) = await PartiesAsync();
        await (await renter.PostAsync("/api/v1/webhooks/", new { url = receiver.Url, event_types = new[] { "lease.amended", "autopay.failed" } }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var leaseId = await RentTests.CreateLeaseAsync(landlord, renter.Id, ThisMonth, rent: 1000.00m); // this month is due
        await (await landlord.PutAsync($"/api/v1/leases/{leaseId}/schedule", new { status = "paused" })).ReadJsonAsync(HttpStatusCode.OK);
        await EnableAsync(renter, leaseId);
        await (await landlord.PostAsync($"/api/v1/leases/{leaseId}/amendments", new { rent_amount = 99000.00m, effective_from = $"{ThisMonth:yyyy-MM-dd}" }))
            .ReadJsonAsync(HttpStatusCode.Created);
        await (await landlord.PutAsync($"/api/v1/leases/{leaseId}/schedule", new { status = "active" })).ReadJsonAsync(HttpStatusCode.OK);

        await Eventually.TrueAsync(async () => (await AttemptsAsync(renter, leaseId)).Length == 1, "Autopay never tried.");
        var attempt = Assert.Single(await AttemptsAsync(renter, leaseId));
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("payment_id").ValueKind);
        Assert.Contains("more than the 1000.00 autopay may pay", attempt.GetProperty("failure_reason").GetString());
        Assert.Equal(0, await PaymentsAsync(leaseId));
        var setting = Assert.Single((await (await renter.GetAsync($"/api/v1/leases/{leaseId}/autopay")).ReadJsonAsync(HttpStatusCode.OK))
            .GetProperty("settings").EnumerateArray());
        Assert.Equal(1000.00m, setting.GetProperty("max_amount").GetDecimal());

        await Eventually.TrueAsync(() => Task.FromResult(receiver.Requests.Count == 2), "The renter did not hear of the amendment and the failure.");
        var types = receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToDictionary(e => e.GetProperty("type").GetString()!);
        Assert.Equal(99000.00m, types["lease.amended"].GetProperty("data").GetProperty("rent_amount").GetDecimal());
        Assert.Contains("max_amount", types["autopay.failed"].GetProperty("data").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_completed_schedule_gets_no_more_payments()
    {
        var (landlord, renter) = await PartiesAsync();
        var start = ThisMonth.AddMonths(-3);
        var leaseId = (await (await landlord.PostAsync("/api/v1/leases/", new
        {
            property_id = await landlord.CreatePropertyAsync(), renter_id = renter.Id, start_date = $"{start:yyyy-MM-dd}",
            end_date = $"{ThisMonth.AddDays(-1):yyyy-MM-dd}", rent_amount = 800.00m, due_day = 1,
        })).ReadJsonAsync(HttpStatusCode.Created)).Id(); // three months, all in the past

        await EnableAsync(renter, leaseId);
        await Eventually.TrueAsync(async () => (await (await renter.GetAsync($"/api/v1/leases/{leaseId}")).ReadJsonAsync(HttpStatusCode.OK))
            .GetProperty("schedule").GetProperty("status").GetString() == "completed", "The schedule never completed.");
        await App.RoundsAsync("AutopayScheduler"); // a second payment would have been made by now
        Assert.Equal(3, await PaymentsAsync(leaseId));
        Assert.Equal(0.00m, (await RentTests.LedgerAsync(landlord, leaseId)).GetProperty("totals").GetProperty("outstanding").GetDecimal());
    }

    [Fact]
    public async Task Only_a_renter_on_the_lease_sets_autopay()
    {
        var (landlord, renter) = await PartiesAsync();
        var stranger = await App.SignUpAsync("renter");
        var leaseId = await RentTests.CreateLeaseAsync(landlord, renter.Id, new DateOnly(2027, 1, 1), rent: 1000.00m);
        var body = new { enabled = true };

        await (await landlord.PutAsync($"/api/v1/leases/{leaseId}/autopay", body)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.PutAsync($"/api/v1/leases/{leaseId}/autopay", body)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/v1/leases/{leaseId}/autopay")).ReadProblemAsync(HttpStatusCode.NotFound);
        var notMine = await landlord.AddBankAccountAsync("12121212");
        var refused = await renter.PutAsync($"/api/v1/leases/{leaseId}/autopay", new { enabled = true, bank_account_id = notMine });
        Assert.Equal(["bank_account_id"], (await refused.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        var set = await (await renter.PutAsync($"/api/v1/leases/{leaseId}/autopay", new { enabled = true, days_before_due = 5 }))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal((true, 5, "standard_ach"), (set.GetProperty("enabled").GetBoolean(), set.GetProperty("days_before_due").GetInt32(),
            set.GetProperty("payment_rail_type").GetString()));
    }

    private async Task<(Caller Landlord, Caller Renter)> PartiesAsync()
    {
        var (landlord, renter) = (await App.SignUpAsync("landlord"), await App.SignUpAsync("renter"));
        await landlord.AddBankAccountAsync("99998888"); // their primary accounts: autopay pays from and to these
        await renter.AddBankAccountAsync("55554321");
        return (landlord, renter);
    }

    private static async Task EnableAsync(Caller renter, Guid leaseId, Guid? account = null) =>
        await (await renter.PutAsync($"/api/v1/leases/{leaseId}/autopay",
            new { enabled = true, bank_account_id = account, payment_rail_type = "instant" })).ReadJsonAsync(HttpStatusCode.OK);

    private async Task<int> PaymentsAsync(Guid leaseId) =>
        (int)(await App.ScalarAsync<long>("SELECT count(*) FROM payments WHERE lease_id = $1", leaseId));

    private static async Task<JsonElement[]> AttemptsAsync(Caller caller, Guid leaseId) =>
        (await (await caller.GetAsync($"/api/v1/leases/{leaseId}/autopay")).ReadJsonAsync(HttpStatusCode.OK))
            .GetProperty("attempts").EnumerateArray().ToArray();
}
