using System.Net;

namespace DirectPay.Tests.EndToEnd;

/// <summary>A second landlord and a second renter see none of the first pair's data, and change none of it.</summary>
[Collection(AppCollection.Name)]
public class OwnershipTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task Others_get_404_for_what_is_not_theirs()
    {
        var landlord = await App.SignUpAsync("landlord");
        var renter = await App.SignUpAsync("renter");
        var propertyId = await landlord.CreatePropertyAsync();
        var leaseId = await landlord.CreateLeaseAsync(propertyId, renter.Id);
        var accountId = await landlord.AddBankAccountAsync();
        var otherLandlord = await App.SignUpAsync("landlord");
        var otherRenter = await App.SignUpAsync("renter");

        string[] theirs =
        [
            $"/api/v1/users/{landlord.Id}",
            $"/api/v1/bank-accounts/{accountId}",
            $"/api/v1/bank-accounts/user/{landlord.Id}",
            $"/api/v1/properties/{propertyId}",
            $"/api/v1/properties/landlord/{landlord.Id}",
            $"/api/v1/leases/{leaseId}",
            $"/api/v1/leases/renter/{renter.Id}",
            $"/api/v1/leases/property/{propertyId}",
        ];
        foreach (var stranger in new[] { otherLandlord, otherRenter })
        foreach (var path in theirs)
        {
            var response = await stranger.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            await response.ReadProblemAsync(HttpStatusCode.NotFound);
            Assert.DoesNotContain(landlord.Email, body);
        }
    }

    [Fact]
    public async Task Others_cannot_change_what_is_not_theirs()
    {
        var landlord = await App.SignUpAsync("landlord");
        var renter = await App.SignUpAsync("renter");
        var propertyId = await landlord.CreatePropertyAsync();
        var leaseId = await landlord.CreateLeaseAsync(propertyId, renter.Id);
        var first = await landlord.AddBankAccountAsync("11110000");
        var second = await landlord.AddBankAccountAsync("22220000");
        var otherLandlord = await App.SignUpAsync("landlord");
        var leasesBefore = await App.CountAsync("leases");

        await (await otherLandlord.PostAsync("/api/v1/leases/", Scenario.LeaseBody(propertyId, renter.Id, start: "2029-01-01", end: "2029-12-31")))
            .ReadProblemAsync(HttpStatusCode.NotFound);
        await (await otherLandlord.PostAsync($"/api/v1/leases/{leaseId}/amendments", new { rent_amount = 1.00m, effective_from = "2027-03-01" }))
            .ReadProblemAsync(HttpStatusCode.NotFound);
        await (await otherLandlord.PatchAsync($"/api/v1/bank-accounts/{second}/set-primary")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await otherLandlord.PatchAsync($"/api/v1/bank-accounts/{first}/deactivate")).ReadProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(leasesBefore, await App.CountAsync("leases"));
        Assert.Equal(0L, await App.ScalarAsync<long>("SELECT count(*) FROM lease_amendments WHERE lease_id = $1", leaseId));
        Assert.Equal(first, await App.ScalarAsync<Guid>("SELECT id FROM bank_accounts WHERE user_id = $1 AND is_primary", landlord.Id));
        Assert.True(await App.ScalarAsync<bool>("SELECT is_active FROM bank_accounts WHERE id = $1", first));
    }

    [Fact]
    public async Task Renters_do_not_add_properties_and_leases_go_only_to_renters()
    {
        var renter = await App.SignUpAsync("renter");
        var before = await App.CountAsync("properties");
        await (await renter.PostAsync("/api/v1/properties/", Scenario.PropertyBody())).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await App.CountAsync("properties"));

        var landlord = await App.SignUpAsync("landlord");
        var anotherLandlord = await App.SignUpAsync("landlord");
        var propertyId = await landlord.CreatePropertyAsync();
        var toALandlord = await landlord.PostAsync("/api/v1/leases/", Scenario.LeaseBody(propertyId, anotherLandlord.Id));
        Assert.Equal(["renter_id"], (await toALandlord.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        var toNobody = await landlord.PostAsync("/api/v1/leases/", Scenario.LeaseBody(propertyId, Guid.NewGuid()));
        await toNobody.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(0L, await App.ScalarAsync<long>("SELECT count(*) FROM leases WHERE property_id = $1", propertyId));
    }
}
