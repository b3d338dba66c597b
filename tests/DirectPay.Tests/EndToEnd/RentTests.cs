using System.Net;
using System.Text.Json;

namespace DirectPay.Tests.EndToEnd;

/// <summary>Late fees after the grace period, partial payments (fees first), full payments only, split rent, the lease ledger.</summary>
[Collection(AppCollection.Name)]
public class RentTests(DirectPayApp app) : EndToEndTest(app)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly DateOnly TwoMonthsAgo = new DateOnly(Today.Year, Today.Month, 1).AddMonths(-2);

    [Fact]
    public async Task A_late_fee_is_charged_once_after_the_grace_period_and_a_partial_payment_pays_it_first()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0);
        var (landlord, renter) = (await App.SignUpAsync("landlord"), await App.SignUpAsync("renter"));
        await (await landlord.PostAsync("/api/v1/webhooks/", new { url = receiver.Url, event_types = new[] { "late_fee.charged" } }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var payee = await landlord.AddBankAccountAsync("99998888");
        var payer = await renter.AddBankAccountAsync("55554321");
        // Rent 1000 due on the 1st since two months ago: those two months are late whatever today is (grace 3 days).
        var leaseId = await CreateLeaseAsync(landlord, renter.Id, TwoMonthsAgo, rent: 1000.00m,
            policy: new { grace_days = 3, late_fee_type = "fixed", late_fee_amount = 50.00m });
        var lateNow = Today.Day > 4 ? 3 : 2; // this month's rent is late too once the 4th has passed

        await Eventually.TrueAsync(async () => (await LedgerAsync(renter, leaseId)).GetProperty("totals").GetProperty("late_fees").GetDecimal()
            == 50.00m * lateNow, "The late fees were never charged.");
        await App.RoundsAsync("LateFeeScheduler"); // a second fee would have been charged by now
        var ledger = await LedgerAsync(landlord, leaseId);
        Assert.Equal(50.00m * lateNow, ledger.GetProperty("totals").GetProperty("late_fees").GetDecimal());
        Assert.Equal(lateNow, await App.ScalarAsync<long>("SELECT count(*) FROM rent_dues WHERE lease_id = $1 AND late_fee_charged_at IS NOT NULL", leaseId));
        var first = ledger.GetProperty("periods")[0];
        Assert.Equal(($"{TwoMonthsAgo:yyyy-MM}", "late", "1000.00", "50.00", "1050.00"), (first.GetProperty("period").GetString(),
            first.GetProperty("status").GetString(), first.GetProperty("rent_due").GetRawText(), first.GetProperty("late_fees").GetRawText(),
            first.GetProperty("outstanding").GetRawText()));
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Requests.Count == lateNow), "The late_fee.charged webhooks never came.");
        Assert.Equal(lateNow, receiver.Requests.Select(r => r.EventId).Distinct().Count());

        var paymentId = await PayAsync(renter, leaseId, payer, payee, 500.00m);
        await Eventually.TrueAsync(async () => (await LedgerAsync(renter, leaseId)).GetProperty("periods")[0].GetProperty("paid").GetDecimal() == 500.00m,
            "The partial payment never reached the ledger.");
        Assert.Equal("50.00 450.00", await App.ScalarAsync<string>(
            "SELECT fee_amount || ' ' || rent_amount FROM payment_allocations WHERE payment_id = $1", paymentId)); // the fee first
        first = (await LedgerAsync(renter, leaseId)).GetProperty("periods")[0];
        Assert.Equal(("partly_paid", 550.00m), (first.GetProperty("status").GetString(), first.GetProperty("outstanding").GetDecimal()));
    }

    [Fact]
    public async Task With_full_payments_only_a_partial_payment_is_refused_and_changes_nothing()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        await (await scenario.Landlord.PutAsync($"/api/v1/leases/{scenario.LeaseId}/rent-policy", new { full_payments_only = true }))
            .ReadJsonAsync(HttpStatusCode.OK);
        var before = await App.CountAsync("payments");

        var partial = await scenario.PayAsync(scenario.Body(amount: 1000.00m), headerKey: Guid.NewGuid().ToString());
        var problem = await partial.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["amount"], problem.ErrorFields());
        Assert.Equal(before, await App.CountAsync("payments"));

        var tooMuch = await scenario.PayAsync(scenario.Body(amount: 18_000.01m), headerKey: Guid.NewGuid().ToString()); // 12 months are 18,000
        await tooMuch.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var whole = await scenario.PayAsync(1500.00m, rail: "instant");
        await scenario.WaitForStatusAsync(whole, "completed");
        await (await scenario.Landlord.PutAsync($"/api/v1/leases/{scenario.LeaseId}/rent-policy", new { full_payments_only = false }))
            .ReadJsonAsync(HttpStatusCode.OK);
        await scenario.PayAsync(1000.00m, rail: "instant"); // partial payments are taken again
    }

    [Fact]
    public async Task A_split_period_is_paid_only_when_every_share_settles()
    {
        var (landlord, alice, bob, leaseId, payee) = await SplitLeaseAsync();
        var alicePays = await alice.AddBankAccountAsync("55554321");
        var bobPays = await bob.AddBankAccountAsync("55554322");

        await WaitForPaidAsync(alice, await PayAsync(alice, leaseId, alicePays, payee, 900.00m, "instant"));
        var january = (await LedgerAsync(bob, leaseId)).GetProperty("periods")[0]; // Bob sees the lease's ledger too
        Assert.Equal(("partly_paid", 600.00m), (january.GetProperty("status").GetString(), january.GetProperty("outstanding").GetDecimal()));
        Assert.Equal(("2027-01-15", 600.00m), await ScheduleAsync(landlord, leaseId));

        await WaitForPaidAsync(bob, await PayAsync(bob, leaseId, bobPays, payee, 600.00m, "standard_ach"));
        Assert.Equal(("2027-02-15", 1500.00m), await ScheduleAsync(landlord, leaseId));
    }

    [Fact]
    public async Task A_return_reopens_only_the_share_it_paid()
    {
        var (landlord, alice, bob, leaseId, payee) = await SplitLeaseAsync();
        var alicePays = await alice.AddBankAccountAsync("55554321");
        var bobPays = await bob.AddBankAccountAsync(PaymentScenario.OwnNumber("0021")); // Bob's bank claims his ACH debits unauthorized (R10)

        await WaitForPaidAsync(alice, await PayAsync(alice, leaseId, alicePays, payee, 900.00m, "instant"));
        var bobsPayment = await PayAsync(bob, leaseId, bobPays, payee, 600.00m, "standard_ach");

        // The return follows the completion within milliseconds at the tests' time scale: wait for its event, not a status.
        await Eventually.TrueAsync(async () => (await EventTypesAsync(bob, bobsPayment)).Contains("payment_returned"),
            "Bob's payment was never returned.");
        Assert.Equal(["payment_initiated", "payment_processing", "payment_submitted", "payment_acknowledged", "payment_completed", "payment_returned"],
            await EventTypesAsync(bob, bobsPayment));
        var january = (await LedgerAsync(landlord, leaseId)).GetProperty("periods")[0];
        Assert.Equal([$"{alice.Id} 0.00", $"{bob.Id} 600.00"], january.GetProperty("shares").EnumerateArray()
            .Select(s => $"{s.GetProperty("renter_id").GetString()} {s.GetProperty("outstanding").GetRawText()}"));
        Assert.Equal(("2027-01-15", 600.00m), await ScheduleAsync(landlord, leaseId));
    }

    /// <summary>A lease from 2027-01-10, rent 1500.00 due on the 15th, split 60/40 between Alice (the lead) and Bob.</summary>
    private async Task<(Caller Landlord, Caller Alice, Caller Bob, Guid LeaseId, Guid Payee)> SplitLeaseAsync()
    {
        var landlord = await App.SignUpAsync("landlord");
        var (alice, bob) = (await App.SignUpAsync("renter"), await App.SignUpAsync("renter"));
        var payee = await landlord.AddBankAccountAsync("99998888");
        var created = await (await landlord.PostAsync("/api/v1/leases/", new
        {
            property_id = await landlord.CreatePropertyAsync(), renter_id = alice.Id, start_date = "2027-01-10", end_date = "2027-12-31",
            rent_amount = 1500.00m, due_day = 15,
            shares = new[] { new { renter_id = alice.Id, percent = 60m }, new { renter_id = bob.Id, percent = 40m } },
        })).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal([$"{alice.Id} 900.00", $"{bob.Id} 600.00"], created.GetProperty("renters").EnumerateArray()
            .Select(r => $"{r.GetProperty("renter_id").GetString()} {r.GetProperty("share_amount").GetRawText()}"));
        return (landlord, alice, bob, created.Id(), payee);
    }

    private static async Task<string[]> EventTypesAsync(Caller caller, Guid paymentId) =>
        (await (await caller.GetAsync($"/api/v1/payments/{paymentId}/history")).ReadJsonAsync(HttpStatusCode.OK))
            .GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event_type").GetString()!).ToArray();

    [Theory]
    [InlineData("amounts that do not sum to the rent")]
    [InlineData("percents that do not sum to 100")]
    [InlineData("amounts and percents mixed")]
    [InlineData("no share for the lead renter")]
    [InlineData("a share that comes to nothing")]
    public async Task Shares_that_do_not_add_up_are_refused(string mistake)
    {
        var landlord = await App.SignUpAsync("landlord");
        var (alice, bob) = (await App.SignUpAsync("renter"), await App.SignUpAsync("renter"));
        object[] shares = mistake switch
        {
            "amounts that do not sum to the rent" => [new { renter_id = alice.Id, amount = 500m }, new { renter_id = bob.Id, amount = 900m }],
            "percents that do not sum to 100" => [new { renter_id = alice.Id, percent = 50m }, new { renter_id = bob.Id, percent = 40m }],
            "amounts and percents mixed" => [new { renter_id = alice.Id, amount = 900m }, new { renter_id = bob.Id, percent = 40m }],
            "a share that comes to nothing" => [new { renter_id = alice.Id, percent = 99.99m }, new { renter_id = bob.Id, percent = 0.01m }],
            _ => [new { renter_id = bob.Id, percent = 100m }],
        };
        var before = await App.CountAsync("leases");
        var refused = await landlord.PostAsync("/api/v1/leases/", new
        {
            property_id = await landlord.CreatePropertyAsync(), renter_id = alice.Id, start_date = "2027-01-10", end_date = "2027-12-31",
            rent_amount = mistake == "a share that comes to nothing" ? 10.00m : 1500.00m, due_day = 15, shares, // 0.01% of 10.00 is 0.00
        });
        Assert.Equal(["shares"], (await refused.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(before, await App.CountAsync("leases"));
    }

    [Fact]
    public async Task Rent_cannot_be_amended_below_what_payments_on_their_way_will_pay()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        await scenario.PayAsync(18_000.00m, rail: "standard_ach"); // the whole year, processing for a moment
        var amend = await scenario.Landlord.PostAsync($"/api/v1/leases/{scenario.LeaseId}/amendments",
            new { rent_amount = 1000.00m, effective_from = "2027-06-01" });
        if (amend.StatusCode == HttpStatusCode.Conflict) // refused while the payment is on its way ...
            Assert.Contains("on their way", (await amend.ReadProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        else // ... or, had it settled first, refused because those months are paid
            await amend.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(0L, await App.ScalarAsync<long>("SELECT count(*) FROM lease_amendments WHERE lease_id = $1", scenario.LeaseId));
        Assert.Equal(12L, await App.ScalarAsync<long>("SELECT count(*) FROM rent_dues WHERE lease_id = $1 AND rent = 1500.00", scenario.LeaseId));
    }

    [Theory]
    [InlineData("""{"grace_days": 29}""", "grace_days")]
    [InlineData("""{"late_fee_type": "percent", "late_fee_amount": 150}""", "late_fee_amount")]
    [InlineData("""{"late_fee_type": "fixed"}""", "late_fee_amount")]
    [InlineData("""{"late_fee_amount": 25}""", "late_fee_type")]
    [InlineData("""{"late_fee_type": "fixed", "late_fee_amount": 25.001}""", "late_fee_amount")]
    [InlineData("""{"late_fee_type": "fixed", "late_fee_amount": 25, "late_fee_cap": -1}""", "late_fee_cap")]
    public async Task A_bad_rent_policy_is_refused_on_the_lease_and_when_set_later(string policy, string field)
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var before = await (await scenario.Landlord.GetAsync($"/api/v1/leases/{scenario.LeaseId}")).Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(policy).RootElement;

        var put = await scenario.Landlord.PutAsync($"/api/v1/leases/{scenario.LeaseId}/rent-policy", body);
        Assert.Equal([field], (await put.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var create = await scenario.Landlord.PostAsync("/api/v1/leases/", new
        {
            property_id = await scenario.Landlord.CreatePropertyAsync(), renter_id = scenario.Renter.Id, start_date = "2027-01-10",
            end_date = "2027-12-31", rent_amount = 1500.00m, due_day = 15, rent_policy = body,
        });
        Assert.Equal([$"rent_policy.{field}"], (await create.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(before, await (await scenario.Landlord.GetAsync($"/api/v1/leases/{scenario.LeaseId}")).Content.ReadAsStringAsync());
        await (await scenario.Renter.PutAsync($"/api/v1/leases/{scenario.LeaseId}/rent-policy", new { grace_days = 5 }))
            .ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    public static async Task<Guid> CreateLeaseAsync(Caller landlord, Guid renterId, DateOnly start, decimal rent, object? policy = null) =>
        (await (await landlord.PostAsync("/api/v1/leases/", new
        {
            property_id = await landlord.CreatePropertyAsync(), renter_id = renterId, start_date = $"{start:yyyy-MM-dd}",
            end_date = $"{start.AddYears(1).AddDays(-1):yyyy-MM-dd}", rent_amount = rent, due_day = 1, rent_policy = policy,
        })).ReadJsonAsync(HttpStatusCode.Created)).Id();

    public static async Task<JsonElement> LedgerAsync(Caller caller, Guid leaseId) =>
        await (await caller.GetAsync($"/api/v1/leases/{leaseId}/ledger")).ReadJsonAsync(HttpStatusCode.OK);

    private static async Task<Guid> PayAsync(Caller renter, Guid leaseId, Guid payer, Guid payee, decimal amount, string rail = "instant")
    {
        var paid = await new PaymentScenario(renter.App, null!, renter, leaseId, payer, payee)
            .PayAsync(new { lease_id = leaseId, payer_account_id = payer, payee_account_id = payee, amount, payment_rail_type = rail },
                headerKey: Guid.NewGuid().ToString());
        return (await paid.ReadJsonAsync(HttpStatusCode.Created)).Id();
    }

    private static Task WaitForPaidAsync(Caller renter, Guid paymentId) => Eventually.TrueAsync(async () =>
        (await (await renter.GetAsync($"/api/v1/payments/{paymentId}")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString()
            is "completed", $"Payment {paymentId} never completed.");

    private static async Task<(string, decimal)> ScheduleAsync(Caller caller, Guid leaseId)
    {
        var schedule = (await (await caller.GetAsync($"/api/v1/leases/{leaseId}")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("schedule");
        return (schedule.GetProperty("next_due_date").GetString()!, schedule.GetProperty("amount_due").GetDecimal());
    }
}
