namespace DirectPay.Api.Features.Leases;

public static class LeasesApi
{
    public static RouteGroupBuilder MapLeases(this RouteGroupBuilder api)
    {
        var leases = api.MapGroup("/leases").WithTags("Leases")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        leases.MapPost("/", CreateLease.Handle).WithSummary("Let a property to a renter; creates the monthly payment schedule")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        leases.MapGet("/{id:guid}", GetLease.Handle).WithSummary("A lease with its schedule and amendments (its landlord, its renter, or an admin)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        leases.MapGet("/renter/{renterId:guid}", ListRenterLeases.Handle).WithSummary("A renter's leases")
            .ProducesProblem(StatusCodes.Status404NotFound);
        leases.MapGet("/property/{propertyId:guid}", ListPropertyLeases.Handle).WithSummary("A property's leases (its landlord or an admin)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        leases.MapPost("/{id:guid}/amendments", AmendLease.Handle).WithSummary("Change the rent or due day from a period on (the landlord)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        leases.MapGet("/{id:guid}/ledger", GetLeaseLedger.Handle)
            .WithSummary("Each period of the lease: rent due, late fees, paid and outstanding, per renter (its parties, or an admin)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        leases.MapPut("/{id:guid}/rent-policy", SetRentPolicy.Handle)
            .WithSummary("Grace days, late fee and whether partial payments are taken (the landlord)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        leases.MapPut("/{id:guid}/schedule", SetScheduleStatus.Handle)
            .WithSummary("Pause collection (no autopay, no late fees) or resume it (the landlord)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }
}
