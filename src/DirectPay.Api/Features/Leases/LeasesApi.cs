namespace DirectPay.Api.Features.Leases;

public static class LeasesApi
{
    public static RouteGroupBuilder MapLeases(this RouteGroupBuilder api)
    {
        var leases = api.MapGroup("/leases").WithTags("Leases");
        leases.MapPost("/", CreateLease.Handle).WithSummary("Let a property to a renter; creates the monthly payment schedule");
        leases.MapGet("/{id:guid}", GetLease.Handle).WithSummary("A lease with its schedule and amendments (its landlord, its renter, or an admin)");
        leases.MapGet("/renter/{renterId:guid}", ListRenterLeases.Handle).WithSummary("A renter's leases");
        leases.MapGet("/property/{propertyId:guid}", ListPropertyLeases.Handle).WithSummary("A property's leases (its landlord or an admin)");
        leases.MapPost("/{id:guid}/amendments", AmendLease.Handle).WithSummary("Change the rent or due day from a period on (the landlord)");
        return api;
    }
}
