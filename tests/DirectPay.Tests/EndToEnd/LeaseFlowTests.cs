using System.Net;

namespace DirectPay.Tests.EndToEnd;

[Collection(AppCollection.Name)]
public class LeaseFlowTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task A_lease_is_created_with_its_payment_schedule_in_one_go()
    {
        var landlord = await App.SignUpAsync("landlord");
        var renter = await App.SignUpAsync("renter");
        var propertyId = await landlord.CreatePropertyAsync();

        var created = await landlord.PostAsync("/api/v1/leases/", Scenario.LeaseBody(propertyId, renter.Id));
        var lease = await created.ReadJsonAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/v1/leases/{lease.Id()}", created.Headers.Location?.OriginalString);
        Assert.Equal(landlord.Id.ToString(), lease.GetProperty("landlord_id").GetString());
        Assert.Equal(1500.00m, lease.GetProperty("rent_amount").GetDecimal());
        var schedule = lease.GetProperty("schedule");
        Assert.Equal("2027-01-15", schedule.GetProperty("next_due_date").GetString());
        Assert.Equal(1500.00m, schedule.GetProperty("amount_due").GetDecimal());
        Assert.Equal("active", schedule.GetProperty("status").GetString());

        Assert.Equal("2027-01-15",
            await App.ScalarAsync<string>("SELECT next_due_date::text FROM payment_schedules WHERE lease_id = $1", lease.Id()));

        // Both parties read it, exactly as it was answered; the renter lists it among theirs; the landlord under the property.
        var forRenter = await (await renter.GetAsync($"/api/v1/leases/{lease.Id()}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(lease.ToString(), forRenter.ToString());
        var renterLeases = await (await renter.GetAsync($"/api/v1/leases/renter/{renter.Id}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal([lease.Id()], renterLeases.EnumerateArray().Select(l => l.Id()));
        var propertyLeases = await (await landlord.GetAsync($"/api/v1/leases/property/{propertyId}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal([lease.Id()], propertyLeases.EnumerateArray().Select(l => l.Id()));
        // The renter of a lease may read its property.
        await (await renter.GetAsync($"/api/v1/properties/{propertyId}")).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_property_cannot_have_two_leases_at_the_same_time()
    {
        var landlord = await App.SignUpAsync("landlord");
        var renter = await App.SignUpAsync("renter");
        var propertyId = await landlord.CreatePropertyAsync();
        await landlord.CreateLeaseAsync(propertyId, renter.Id);

        var overlapping = await landlord.PostAsync("/api/v1/leases/",
            Scenario.LeaseBody(propertyId, renter.Id, start: "2027-12-31", end: "2028-06-30"));
        await overlapping.ReadProblemAsync(HttpStatusCode.Conflict);

        var following = await landlord.PostAsync("/api/v1/leases/",
            Scenario.LeaseBody(propertyId, renter.Id, start: "2028-01-01", end: "2028-06-30"));
        await following.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(2, await App.ScalarAsync<long>("SELECT count(*) FROM leases WHERE property_id = $1", propertyId));
    }

    [Fact]
    public async Task An_amendment_is_history_next_to_the_lease_as_signed()
    {
        var landlord = await App.SignUpAsync("landlord");
        var renter = await App.SignUpAsync("renter");
        var leaseId = await landlord.CreateLeaseAsync(await landlord.CreatePropertyAsync(), renter.Id);

        var amended = await landlord.PostAsync($"/api/v1/leases/{leaseId}/amendments",
            new { rent_amount = 1600.5m, due_day = 20, effective_from = "2027-01-01", reason = "renovated kitchen" });
        var lease = await amended.ReadJsonAsync(HttpStatusCode.Created);

        Assert.Equal(1500.00m, lease.GetProperty("rent_amount").GetDecimal());
        Assert.Equal(15, lease.GetProperty("due_day").GetInt32());
        var amendment = Assert.Single(lease.GetProperty("amendments").EnumerateArray());
        Assert.Equal(1500.00m, amendment.GetProperty("previous_rent_amount").GetDecimal());
        Assert.Equal("1600.50", amendment.GetProperty("rent_amount").GetRawText()); // money always has two places
        Assert.Equal("2027-01-20", lease.GetProperty("schedule").GetProperty("next_due_date").GetString());
        Assert.Equal("1600.50", lease.GetProperty("schedule").GetProperty("amount_due").GetRawText());
        Assert.Equal(1500.00m, await App.ScalarAsync<decimal>("SELECT rent_amount FROM leases WHERE id = $1", leaseId));
        Assert.Equal(1L, await App.ScalarAsync<long>("SELECT count(*) FROM lease_amendments WHERE lease_id = $1", leaseId));

        var renterTries = await renter.PostAsync($"/api/v1/leases/{leaseId}/amendments", new { rent_amount = 1.00m, effective_from = "2027-02-01" });
        await renterTries.ReadProblemAsync(HttpStatusCode.Forbidden);
        var intoThePast = await landlord.PostAsync($"/api/v1/leases/{leaseId}/amendments", new { rent_amount = 1.00m, effective_from = "2026-12-01" });
        Assert.Equal(["effective_from"], (await intoThePast.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Equal(1L, await App.ScalarAsync<long>("SELECT count(*) FROM lease_amendments WHERE lease_id = $1", leaseId));
    }
}
