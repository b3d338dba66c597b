using System.Net;

namespace DirectPay.Tests.EndToEnd;

[Collection(AppCollection.Name)]
public class DemoDataTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task The_dashboard_command_seeds_a_landlord_with_a_payment_in_every_state_autopay_and_late_fees()
    {
        var before = await App.CountAsync("payments");

        var result = await App.ExecuteCommandAsync(ResourceNames.Api, "seed-demo-data");

        Assert.True(result.Success, result.Message);
        var email = result.Message!.Split(' ').Single(w => w.EndsWith("@demo.directpay.local", StringComparison.Ordinal));
        var landlordId = await App.ScalarAsync<Guid>("SELECT id FROM users WHERE email = $1", email);
        Assert.Equal(6L, await App.ScalarAsync<long>("SELECT count(*) FROM leases WHERE landlord_id = $1", landlordId));
        const string madeByHand = "payee_id = $1 AND NOT EXISTS (SELECT 1 FROM autopay_attempts a WHERE a.payment_id = payments.id)";
        Assert.Equal(5L, await App.ScalarAsync<long>($"SELECT count(*) FROM payments WHERE {madeByHand}", landlordId));
        await Eventually.TrueAsync(async () => await App.ScalarAsync<string>(
                $"SELECT string_agg(status, ',' ORDER BY status) FROM payments WHERE {madeByHand}", landlordId)
            // Under the tests' time scale the standard ACH payment settles in milliseconds; in the demo it processes for minutes.
            is "completed,failed,processing,refunded,returned" or "completed,completed,failed,refunded,returned",
            "The demo payments never reached one of each state.");
        // The shared lease: autopay pays the first flatmate's past months; the second is charged 5% of 2,000 capped at 75, 40% of it.
        const string sharedLease = "SELECT l.id FROM leases l JOIN lease_renters r ON r.lease_id = l.id WHERE l.landlord_id = $1 GROUP BY l.id HAVING count(*) = 2";
        await Eventually.TrueAsync(async () => await App.ScalarAsync<long>(
            $"SELECT count(*) FROM autopay_attempts WHERE payment_id IS NOT NULL AND lease_id = ({sharedLease})", landlordId) >= 2
            && await App.ScalarAsync<long>(
                $"SELECT count(*) FROM rent_dues WHERE late_fee = 30.00 AND lease_id = ({sharedLease})", landlordId) >= 2,
            "The shared lease never got its autopay payments and late fees.");
        var landlord = await App.LogInAsync(landlordId, email, "demo-password-1");
        await (await landlord.GetAsync($"/api/v1/landlords/{landlordId}/stats")).ReadJsonAsync(HttpStatusCode.OK);
    }
}
