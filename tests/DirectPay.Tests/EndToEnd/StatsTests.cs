using System.Net;
using System.Net.Http.Json;

namespace DirectPay.Tests.EndToEnd;

[Collection(AppCollection.Name)]
public class StatsTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task A_landlord_sees_collected_outstanding_on_time_and_by_rail()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var instant = await scenario.PayAsync(amount: 1000.00m, rail: "instant");
        var wire = await scenario.PayAsync(amount: 500.00m, rail: "wire");
        await scenario.WaitForStatusAsync(instant, "completed");
        await scenario.WaitForStatusAsync(wire, "completed");
        // A second lease, begun last month and unpaid: its rent for last month and this month is outstanding.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var property = await scenario.Landlord.CreatePropertyAsync();
        await (await scenario.Landlord.PostAsync("/api/v1/leases/", Scenario.LeaseBody(property, scenario.Renter.Id,
            start: $"{lastMonth:yyyy-MM-dd}", end: $"{lastMonth.AddYears(1):yyyy-MM-dd}", rent: 1200.00m, dueDay: 1))).ReadJsonAsync(HttpStatusCode.Created);

        var stats = await StatsAsync(scenario.Landlord, scenario.Landlord.Id);

        Assert.Equal($"{today:yyyy-MM}", stats.GetProperty("month").GetString());
        Assert.Equal("1500.00", stats.GetProperty("collected_this_month").GetRawText());
        // The first lease's next period (after January is paid) is due 2027-02-15: outstanding only once that day has come.
        var firstLeaseDue = today >= new DateOnly(2027, 2, 15) ? 1500.00m : 0m;
        Assert.Equal(2 * 1200.00m + firstLeaseDue, stats.GetProperty("outstanding").GetDecimal());
        Assert.Equal(today <= new DateOnly(2027, 1, 15) ? 1.0 : 0.0, stats.GetProperty("on_time_rate").GetDouble()); // both pay January
        Assert.Equal(["instant 1 1000.00", "wire 1 500.00"], stats.GetProperty("by_rail").EnumerateArray()
            .Select(r => $"{r.GetProperty("payment_rail_type").GetString()} {r.GetProperty("payments").GetInt32()} {r.GetProperty("amount").GetRawText()}"));

        await RefundAndWaitAsync(scenario, instant, 200.00m);
        Assert.Equal("1300.00", (await StatsAsync(scenario.Landlord, scenario.Landlord.Id)).GetProperty("collected_this_month").GetRawText());
    }

    [Fact]
    public async Task Stats_are_for_the_landlord_and_admins()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var stranger = await App.SignUpAsync("landlord");
        var admin = await App.AdminAsync();

        await (await stranger.GetAsync($"/api/v1/landlords/{scenario.Landlord.Id}/stats")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await scenario.Renter.GetAsync($"/api/v1/landlords/{scenario.Landlord.Id}/stats")).ReadProblemAsync(HttpStatusCode.NotFound);
        await StatsAsync(admin, scenario.Landlord.Id);
        await (await scenario.Landlord.GetAsync("/api/v1/admin/stats")).ReadProblemAsync(HttpStatusCode.Forbidden);

        var platform = await (await admin.GetAsync("/api/v1/admin/stats")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["completed", "failed", "pending", "processing", "refunded", "returned"],
            platform.GetProperty("payments_by_status").EnumerateObject().Select(p => p.Name).Order());
        Assert.True(platform.GetProperty("landlords").GetInt32() >= 2);
    }

    private static async Task<System.Text.Json.JsonElement> StatsAsync(Caller caller, Guid landlordId) =>
        await (await caller.GetAsync($"/api/v1/landlords/{landlordId}/stats")).ReadJsonAsync(HttpStatusCode.OK);

    private async Task RefundAndWaitAsync(PaymentScenario scenario, Guid paymentId, decimal amount)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/payments/{paymentId}/refunds") { Content = JsonContent.Create(new { amount }) };
        request.Headers.Authorization = new("Bearer", scenario.Landlord.Token);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        await (await App.Http.SendAsync(request)).ReadJsonAsync(HttpStatusCode.Created);
        await Eventually.TrueAsync(async () =>
            (await scenario.WaitForStatusAsync(paymentId, "completed")).GetProperty("refunded_amount").GetDecimal() == amount,
            "The refund never settled.");
    }
}
