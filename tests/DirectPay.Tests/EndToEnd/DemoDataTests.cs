using System.Net;

namespace DirectPay.Tests.EndToEnd;

[Collection(AppCollection.Name)]
public class DemoDataTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task The_dashboard_command_seeds_a_landlord_with_a_payment_in_every_state()
    {
        var before = await App.CountAsync("payments");

        var result = await App.ExecuteCommandAsync(ResourceNames.Api, "seed-demo-data");

        Assert.True(result.Success, result.Message);
        var email = result.Message!.Split(' ').Single(w => w.EndsWith("@demo.directpay.local", StringComparison.Ordinal));
        var landlordId = await App.ScalarAsync<Guid>("SELECT id FROM users WHERE email = $1", email);
        Assert.Equal(5L, await App.ScalarAsync<long>("SELECT count(*) FROM leases WHERE landlord_id = $1", landlordId));
        Assert.Equal(before + 5, await App.CountAsync("payments"));
        await Eventually.TrueAsync(async () => await App.ScalarAsync<string>(
                "SELECT string_agg(status, ',' ORDER BY status) FROM payments WHERE payee_id = $1", landlordId)
            // Under the tests' time scale the standard ACH payment settles in milliseconds; in the demo it processes for minutes.
            is "completed,failed,processing,refunded,returned" or "completed,completed,failed,refunded,returned",
            "The demo payments never reached one of each state.");
        var landlord = await App.LogInAsync(landlordId, email, "demo-password-1");
        await (await landlord.GetAsync($"/api/v1/landlords/{landlordId}/stats")).ReadJsonAsync(HttpStatusCode.OK);
    }
}
