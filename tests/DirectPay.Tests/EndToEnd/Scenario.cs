using System.Net;

namespace DirectPay.Tests.EndToEnd;

/// <summary>The seed's lease flow as building blocks: a landlord, a renter, a property, a lease.</summary>
public static class Scenario
{
    public const string RoutingNumber = "021000021"; // a valid ABA checksum

    public static object PropertyBody(string unit = "2B") => new
    {
        address = "1 Main St", city = "Springfield", state = "IL", postal_code = "62701", unit_number = unit, property_type = "apartment",
    };

    public static object LeaseBody(Guid propertyId, Guid renterId, string start = "2027-01-10", string end = "2027-12-31",
        decimal rent = 1500.00m, int dueDay = 15) => new
    {
        property_id = propertyId, renter_id = renterId, start_date = start, end_date = end, rent_amount = rent, due_day = dueDay,
    };

    public static async Task<Guid> CreatePropertyAsync(this Caller landlord)
    {
        var response = await landlord.PostAsync("/api/v1/properties/", PropertyBody());
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).Id();
    }

    public static async Task<Guid> CreateLeaseAsync(this Caller landlord, Guid propertyId, Guid renterId)
    {
        var response = await landlord.PostAsync("/api/v1/leases/", LeaseBody(propertyId, renterId));
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).Id();
    }

    public static async Task<Guid> AddBankAccountAsync(this Caller owner, string number = "123456789012", bool? makePrimary = null)
    {
        var response = await owner.PostAsync("/api/v1/bank-accounts/", new
        {
            account_number = number, routing_number = RoutingNumber, account_type = "checking", bank_name = "First Test Bank",
            make_primary = makePrimary,
        });
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).Id();
    }
}
